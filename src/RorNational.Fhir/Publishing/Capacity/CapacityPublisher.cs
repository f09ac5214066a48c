using Marten;
using RorNational.Domain.Capacity;
using RorNational.Fhir.Access;
using RorNational.Fhir.Ror;
using RorNational.Fhir.Search.Indexing.Capacity;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Publishing.Capacity;

/// <summary>
/// Publishes capacity changes whose EG the batch does not render: each changed lieu's Location
/// alone gets a new version, its capacity extensions replaced (<see cref="LocationCapacityRendering"/>),
/// the capacity index rows of the indicators its events touched rewritten (the others stay as
/// they are) and its lastUpdated moved. No FHIRPath runs and no other
/// resource of the establishment is touched: a hospital has hundreds of lieux. The Locations are
/// read and written with their JSON as text (<see cref="StoredDocuments"/>, <see cref="LocationRowsUpdate"/>),
/// never through the document serializer, which escaped and unescaped it on each change.
/// </summary>
public static class CapacityPublisher
{
    /// <param name="changed">The capacity streams changed by the batch, with the time of their last event and the keys of the indicators their events set or removed (<see cref="TouchedKeys"/>).</param>
    /// <returns>The Location versions written, with the capacity stream each came from (for the Provenance of the write).</returns>
    public static async Task<IReadOnlyList<(string Stream, WrittenVersion Version)>> PublishAsync(
        IDocumentOperations operations, IReadOnlyList<(string Stream, DateTimeOffset At, IReadOnlySet<CapacityKey> Touched)> changed, CapacityStates states, CancellationToken cancellation)
    {
        if (changed.Count == 0) return [];
        var zoneIds = changed.Select(c => CapacityStreams.UnitOf(c.Stream)).OfType<string>().Distinct().ToArray();
        if (zoneIds.Length == 0) return [];
        var zones = (await operations.LoadManyAsync<SupplyZone>(cancellation, zoneIds)).Where(z => !z.Retired).ToDictionary(z => z.Id);
        if (zones.Count == 0) return [];
        var documents = await StoredDocuments.LoadManyAsync<LocationDocument>(operations, zones.Values.Select(z => z.LocationId), cancellation);

        var moved = new List<(string Id, DateTimeOffset LastUpdated)>();
        var written = new List<(string Stream, WrittenVersion Version)>();
        var touched = new List<(string LocationId, CapacityKey Key)>();
        var rows = new List<CapacityRow>();
        var versions = new List<FhirResourceVersion>();
        var stored = new List<LocationDocument>();
        foreach (var (stream, at, keys) in changed)
        {
            if (CapacityStreams.UnitOf(stream) is not { } zoneId || !zones.TryGetValue(zoneId, out var zone)) continue;
            if (!documents.TryGetValue(zone.LocationId, out var document) || document.Retired) continue;
            var lastUpdated = RorDatatypes.Instant(at);
            if (LocationCapacityRendering.Of(document, states.Of(stream), lastUpdated) is not { } next) continue;
            document.Version++;
            document.LastUpdated = lastUpdated;
            document.Json = next.Json;
            document.ContentHash = next.ContentHash;
            document.ClassSets = [.. Redaction.ClassSetsOf(next.Parsed)];
            stored.Add(document);
            var version = FhirResourceVersion.Of("Location", document);
            versions.Add(version);
            written.Add((stream, WrittenVersion.Of(version)));
            moved.Add((document.Id, lastUpdated));
            touched.AddRange(keys.Select(key => (document.Id, key)));
            rows.AddRange(CapacityRow.Of(document.Id, next.Parsed).Where(row => row.Key is { } key && keys.Contains(key)));
        }
        ServiceCapacityRows.LockForCapacityChange(operations, moved.Select(m => m.Id).ToList());
        LocationRowsUpdate.Queue(operations, stored);
        // Inserted, never overwritten: a concurrent rendering of the same version loses.
        ResourceVersionRows.Insert(operations, versions);
        CapacityIndexWriter.Replace(operations, moved, touched, rows);
        return written;
    }
}
