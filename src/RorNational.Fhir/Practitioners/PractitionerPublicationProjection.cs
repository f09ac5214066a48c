using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using RorNational.Domain.Practitioners;
using RorNational.Fhir.Publishing;
using RorNational.Fhir.Ror;
using RorNational.Fhir.Search.Indexing;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Practitioners;

/// <summary>What the practitioner publication remembers of one professional's stream: the state it renders from.</summary>
public sealed class PublishedPractitioner
{
    public string Id { get; set; } = "";
    public RecordedPractitioner? State { get; set; }
}

/// <summary>
/// Inline projection: renders each professional's stream as its Practitioner, in the same
/// transaction as the events, stored as the other resources are (a new version only when the
/// content changed, every version kept for vread and history, the search index rows replaced).
/// </summary>
public sealed class PractitionerPublicationProjection(SearchIndexer indexer) : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var streams = events.Where(e => e.StreamKey is { } key && PractitionerIds.IsPractitionerStream(key))
            .GroupBy(e => e.StreamKey!).ToList();
        if (streams.Count == 0) return;
        var ids = streams.Select(s => s.Key).ToArray();
        var states = (await operations.LoadManyAsync<PublishedPractitioner>(cancellation, ids)).ToDictionary(s => s.Id);
        var documents = (await operations.LoadManyAsync<PractitionerDocument>(cancellation, ids)).ToDictionary(d => d.Id);

        var candidates = new List<PreparedVersion.Candidate>();
        var published = new List<(PublishedPractitioner State, PractitionerDocument? Previous)>();
        foreach (var stream in streams)
        {
            var state = states.GetValueOrDefault(stream.Key) ?? new PublishedPractitioner { Id = stream.Key };
            foreach (var e in stream) state.State = RecordedPractitioner.Evolve(state.State, e.Data);
            operations.Store(state);
            if (state.State is not { } practitioner) continue;
            var previous = documents.GetValueOrDefault(stream.Key);
            published.Add((state, previous));
            candidates.Add(new(PractitionerRendering.Render(practitioner), previous?.ContentHash, (previous?.Version ?? 0) + 1,
                RorDatatypes.Instant(stream.Last().Timestamp)));
        }

        var prepared = PreparedVersion.All(candidates, indexer);
        var replaced = new List<(string Type, string Id)>();
        var rows = new List<SearchIndexRows>();
        var versions = new List<FhirResourceVersion>();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (prepared[i] is not { } version) continue;
            var (state, previous) = published[i];
            if (previous is not null) replaced.Add(("Practitioner", state.Id));
            rows.Add(version.Rows);
            var document = new PractitionerDocument
            {
                Id = state.Id,
                Version = version.Version,
                LastUpdated = candidates[i].LastUpdated,
                Json = version.Json,
                ClassSets = [.. version.ClassSets],
                ContentHash = version.ContentHash,
                SourceStream = state.Id,
            };
            operations.Store(document);
            versions.Add(FhirResourceVersion.Of("Practitioner", document));
        }
        ResourceVersionRows.Insert(operations, versions);
        SearchIndexWriter.Queue(operations, replaced, rows);
    }
}
