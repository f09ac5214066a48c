using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using RorNational.Fhir.Access;
using RorNational.Fhir.Search.Indexing;

namespace RorNational.Fhir.Publishing;

/// <summary>
/// The next version of a rendered resource, ready to store: its JSON, content hash, class sets
/// and index rows. Preparing it is the CPU-bound part of a publication (serialization, the
/// access-profile views, FHIRPath over every search parameter) and touches nothing but the
/// resource itself, so the resources of a batch are prepared in parallel, then stored in order.
/// </summary>
public sealed record PreparedVersion(long Version, string Json, string ContentHash, IReadOnlyList<DataClass> ClassSets, SearchIndexRows Rows)
{
    /// <summary>One resource to prepare: the rendering, the hash of its current version (null when none or retired), its next version.</summary>
    public sealed record Candidate(DomainResource Resource, string? CurrentHash, long NextVersion, DateTimeOffset LastUpdated);

    /// <summary>The prepared versions, in the order of <paramref name="candidates"/>; null where the content did not change.</summary>
    public static PreparedVersion?[] All(IReadOnlyList<Candidate> candidates, SearchIndexer indexer)
    {
        var prepared = new PreparedVersion?[candidates.Count];
        try
        {
            Parallel.For(0, candidates.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                i => prepared[i] = Of(candidates[i], indexer));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // The caller sees the failure itself, as when resources were prepared one by one.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return prepared;
    }

    private static PreparedVersion? Of(Candidate candidate, SearchIndexer indexer)
    {
        var (resource, currentHash, version, lastUpdated) = candidate;
        var (json, hash) = VersionedJson.Of(resource, version, lastUpdated);
        if (currentHash == hash) return null;
        var parsed = JsonNode.Parse(json)!.AsObject();
        var classSets = Redaction.ClassSetsOf(parsed);
        return new PreparedVersion(version, json, hash, classSets, ClassifiedIndex.Build(indexer, resource, parsed, classSets, lastUpdated));
    }
}
