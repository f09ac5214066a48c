using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Marten;
using RorNational.Fhir.Access;
using RorNational.Fhir.Ror;
using RorNational.Fhir.Search.Indexing;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Publishing;

/// <summary>What one EJ or EG stream renders after a batch of its events.</summary>
public sealed record StreamRendering(PublicationState State, IReadOnlyList<DomainResource> Resources, DateTimeOffset At);

/// <summary>
/// Stores rendered resources whose content changed (new version, new lastUpdated), leaves the
/// others untouched, and retires those no longer rendered. The current documents of all
/// the streams of a batch are loaded in one query per resource type.
/// </summary>
public static class ResourcePublisher
{
    public static async Task PublishAsync(
        IDocumentOperations operations, IReadOnlyList<StreamRendering> renderings, SearchIndexer indexer, CancellationToken cancellation)
    {
        var rendered = renderings.Select(r => r.Resources.ToDictionary(Key)).ToList();
        var index = new IndexChanges(indexer);
        await Publish<OrganizationDocument>("Organization", operations, renderings, rendered, index, cancellation);
        await Publish<HealthcareServiceDocument>("HealthcareService", operations, renderings, rendered, index, cancellation);
        await Publish<LocationDocument>("Location", operations, renderings, rendered, index, cancellation);
        for (var i = 0; i < renderings.Count; i++) renderings[i].State.Published = rendered[i].Keys.ToHashSet();
        SearchIndexWriter.Queue(operations, index.Replaced, index.Rows);
    }

    /// <summary>The resources whose index rows the batch replaces, and their new rows (none when retired).</summary>
    private sealed class IndexChanges(SearchIndexer indexer)
    {
        public List<(string Type, string Id)> Replaced { get; } = [];
        public List<SearchIndexRows> Rows { get; } = [];

        public void Retired(string type, string id) => Replaced.Add((type, id));

        /// <param name="replacing">Whether the resource was published before: a resource never stored has no rows to delete.</param>
        public void Stored(DomainResource resource, JsonObject json, IReadOnlyList<DataClass> classSets, DateTimeOffset lastUpdated, bool replacing)
        {
            if (replacing) Replaced.Add((resource.TypeName, resource.Id!));
            Rows.Add(ClassifiedIndex.Build(indexer, resource, json, classSets, lastUpdated));
        }
    }

    private static async Task Publish<TDocument>(
        string type, IDocumentOperations operations, IReadOnlyList<StreamRendering> renderings,
        IReadOnlyList<Dictionary<string, DomainResource>> rendered, IndexChanges index, CancellationToken cancellation)
        where TDocument : FhirDocument, new()
    {
        var prefix = type + "/";
        var idsByStream = renderings.Select((rendering, i) => rendered[i].Keys.Union(rendering.State.Published)
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]).ToList()).ToList();
        var allIds = idsByStream.SelectMany(ids => ids).ToArray();
        if (allIds.Length == 0) return;
        var existing = (await operations.LoadManyAsync<TDocument>(cancellation, allIds)).ToDictionary(d => d.Id);

        for (var i = 0; i < renderings.Count; i++)
        {
            var (state, _, at) = renderings[i];
            var lastUpdated = RorDatatypes.Instant(at);
            foreach (var id in idsByStream[i])
            {
                var key = prefix + id;
                var previous = existing.GetValueOrDefault(id);
                if (!rendered[i].TryGetValue(key, out var resource))
                {
                    if (previous is { Retired: false })
                    {
                        previous.Retired = true;
                        previous.Version++;
                        previous.LastUpdated = lastUpdated;
                        operations.Store(previous);
                        operations.Store(FhirResourceVersion.Of(type, previous));
                        index.Retired(type, id);
                    }
                    continue;
                }
                var version = (previous?.Version ?? 0) + 1;
                var (json, hash) = VersionedJson.Of(resource, version, lastUpdated);
                if (previous is { Retired: false } && previous.ContentHash == hash) continue;

                state.FirstPublished.TryAdd(key, lastUpdated);
                var parsed = JsonNode.Parse(json)!.AsObject();
                var classSets = Redaction.ClassSetsOf(parsed);
                index.Stored(resource, parsed, classSets, lastUpdated, replacing: previous is not null);
                var document = new TDocument
                {
                    Id = id,
                    Version = version,
                    LastUpdated = lastUpdated,
                    Json = json,
                    ClassSets = [.. classSets],
                    ContentHash = hash,
                    SourceStream = state.Id,
                };
                operations.Store(document);
                operations.Store(FhirResourceVersion.Of(type, document));
            }
        }
    }

    private static string Key(DomainResource resource) => $"{resource.TypeName}/{resource.Id}";
}
