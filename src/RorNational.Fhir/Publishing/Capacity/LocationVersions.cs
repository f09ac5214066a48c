using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using RorNational.Fhir.Access;
using RorNational.Fhir.Search.Indexing;
using RorNational.Fhir.Search.Indexing.Capacity;
using RorNational.Fhir.Search.Indexing.Equipment;

namespace RorNational.Fhir.Publishing.Capacity;

/// <summary>
/// The next versions of Locations rendered from their EG, as <see cref="PreparedVersion"/> does
/// for every resource, but with their capacity apart: the search parameters are extracted from
/// the Location without its capacity extensions (its description), and each indicator becomes
/// one row of the capacity index (<see cref="CapacityRow"/>). A capacity change then rewrites
/// the capacity rows alone, never the description's (<see cref="CapacityPublisher"/>).
/// </summary>
public static class LocationVersions
{
    public static PreparedVersion?[] All(
        IReadOnlyList<PreparedVersion.Candidate> candidates, SearchIndexer indexer, List<CapacityRow> capacityRows, List<EquipmentRow> equipmentRows)
    {
        var prepared = new (PreparedVersion? Version, List<CapacityRow>? Capacity, List<EquipmentRow>? Equipment)[candidates.Count];
        try
        {
            Parallel.For(0, candidates.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                i => prepared[i] = Of(candidates[i], indexer));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        foreach (var (_, capacity, equipment) in prepared)
        {
            capacityRows.AddRange(capacity ?? []);
            equipmentRows.AddRange(equipment ?? []);
        }
        return prepared.Select(p => p.Version).ToArray();
    }

    private static (PreparedVersion?, List<CapacityRow>?, List<EquipmentRow>?) Of(PreparedVersion.Candidate candidate, SearchIndexer indexer)
    {
        var (resource, currentHash, version, lastUpdated) = candidate;
        var (json, hash) = VersionedJson.Of(resource, version, lastUpdated);
        if (currentHash == hash) return (null, null, null);
        var parsed = JsonNode.Parse(json)!.AsObject();
        var classSets = Redaction.ClassSetsOf(parsed);
        var description = LocationCapacityRendering.WithoutCapacity(parsed);
        var capacity = resource.Extension.Where(e => e.Url == Ror.RorCanonical.Extensions.LocationSupportedCapacity).ToList();
        resource.Extension.RemoveAll(capacity.Contains);
        SearchIndexRows rows;
        try
        {
            rows = ClassifiedIndex.Build(indexer, resource, description, Redaction.ClassSetsOf(description), lastUpdated);
        }
        finally
        {
            resource.Extension.AddRange(capacity);
        }
        return (new PreparedVersion(version, json, hash, classSets, rows), CapacityRow.Of(resource.Id!, parsed), EquipmentRow.Of(resource.Id!, parsed));
    }
}
