using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using RorNational.Domain.Capacity;
using RorNational.Fhir.Availability.Figures;
using RorNational.Fhir.Availability.Placement;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Fhir.Provenances;
using RorNational.Fhir.Publishing.Capacity;
using RorNational.Fhir.Search.Indexing;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Publishing;

/// <summary>
/// Inline projection: renders every EJ and EG stream as its FHIR resources (Organization for
/// the EJ, the EG and its pôles/services/UF, HealthcareService per UO, Location per lieu,
/// PractitionerRole per professional's role in a UO) in
/// the same transaction as the events. Drafts never reach it: only published state renders.
/// It also publishes each lieu's capacity stream: a Location carries its current indicators,
/// folded here from the lieux' snapshots (<see cref="CapacityStates"/>) whatever the order of the EG's and the capacity
/// events in a batch; a capacity change alone renders that Location alone (<see cref="CapacityPublisher"/>),
/// and sets the lieu's figures for the bed-availability synthesis (<see cref="AvailabilityFigureRows"/>).
/// Folding and rendering a stream's batch is <see cref="EstablishmentRendering"/>, which the replay of an
/// establishment as of an instant runs too.
/// </summary>
public sealed class EstablishmentPublicationProjection(Func<string, string?> regionOfCommune, SearchIndexer indexer, UnitPlacements placements) : IProjection
{
    private readonly EstablishmentRendering _rendering = new(regionOfCommune);

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var streams = events
            .Where(e => e.StreamKey is { } key && EstablishmentIds.IsEstablishmentStream(key))
            .GroupBy(e => e.StreamKey!)
            .ToList();
        var capacityStreams = events
            .Where(e => e.StreamKey is { } key && CapacityStreams.IsCapacityStream(key))
            .GroupBy(e => e.StreamKey!)
            .ToList();
        if (streams.Count == 0 && capacityStreams.Count == 0) return;

        // One query for all the states of the batch, not one per stream: an import batch
        // touches hundreds of streams.
        var states = streams.Count == 0 ? [] : (await operations.LoadManyAsync<PublicationState>(cancellation, streams.Select(s => s.Key).ToArray()))
            .ToDictionary(s => s.Id);
        var folded = new List<(PublicationState State, DateTimeOffset At)>(streams.Count);
        var dossiersBefore = new List<Dossier?>(streams.Count);
        foreach (var stream in streams)
        {
            var state = states.GetValueOrDefault(stream.Key) ?? new PublicationState { Id = stream.Key };
            dossiersBefore.Add(state.EG?.OpenDossier);
            EstablishmentRendering.Fold(state, stream);
            folded.Add((state, stream.Last().Timestamp));
        }

        // A batch that changed only a dossier renders nothing (DossierOnlyEvents): its state alone is stored.
        var rendered = Enumerable.Range(0, streams.Count).Where(i => !DossierOnlyEvents.Only(streams[i].Select(e => e.Data))).ToList();

        // The Locations before their capacity: see ResourcePublisher.PublishAsync.
        var locations = await ResourcePublisher.LoadLocationsAsync(operations, rendered.Select(i => folded[i].State), cancellation);
        var capacity = await CapacityStates.LoadAsync(operations, capacityStreams, rendered.SelectMany(i => EstablishmentRendering.CapacityStreamsOf(folded[i].State)), cancellation);

        var renderings = rendered.Select(i => new StreamRendering(folded[i].State, _rendering.Render(folded[i].State, capacity.IndicatorsOf, folded[i].At), folded[i].At)).ToList();
        await ResourcePublisher.PublishAsync(operations, renderings, locations, indexer, cancellation);
        var provenances = new List<ProvenanceRecord?>(renderings.Count + capacityStreams.Count);
        for (var r = 0; r < renderings.Count; r++)
        {
            var i = rendered[r];
            provenances.Add(ProvenanceOfWrite.Of(streams[i].Key, [.. streams[i]], dossiersBefore[i], renderings[r].Written));
            // Before the state is stored: it remembers the placements written.
            placements.Store(operations, renderings[r].State);
            SupplyZones.Store(operations, renderings[r].State);
        }
        DocumentRows.InsertOrUpsert(operations, folded.Select(f => f.State).ToList(), s => s.Id, s => !states.ContainsKey(s.Id));

        // Capacity of lieux whose EG this batch did not render: their Location alone.
        var renderedEGs = renderings.Where(r => r.State.EG is not null).Select(r => r.State.EG!.Data.Finess).ToHashSet();
        var alone = capacityStreams.Where(s => CapacityStreams.FinessOf(s.Key) is not { } finess || !renderedEGs.Contains(finess))
            .Select(s => (s.Key, s.Last().Timestamp, TouchedKeys.Of(s))).ToList();
        var written = (await CapacityPublisher.PublishAsync(operations, alone, capacity, cancellation)).ToLookup(w => w.Stream, w => w.Version);
        foreach (var stream in capacityStreams)
            provenances.Add(ProvenanceOfWrite.Of(stream.Key, [.. stream], null, [.. written[stream.Key]]));
        ProvenanceOfWrite.StoreAll(operations, provenances);
        AvailabilityFigureRows.Upsert(operations, capacityStreams, capacity);
    }
}
