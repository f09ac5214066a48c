namespace RorNational.Fhir.Search.Querying;

/// <summary>
/// A resource found by a search, as the profile may see it (its JSON as UTF-8: the stored bytes,
/// or their redacted rendering), with its distance for near searches, and its stored version and
/// class sets (what the audit records and weighs).
/// </summary>
public sealed record FoundResource(string Type, string Id, byte[] Utf8Json, double? DistanceKm = null)
{
    public long Version { get; init; }
    public IReadOnlyCollection<Access.DataClass> ClassSets { get; init; } = [];
}

/// <summary>One page of a search: matches, their includes, and where the neighbouring pages start.</summary>
public sealed class SearchResult
{
    public long? Total { get; init; }
    public List<FoundResource> Matches { get; } = [];
    public List<FoundResource> Includes { get; } = [];
    public PageCursor? Next { get; set; }
    public PageCursor? Previous { get; set; }
}
