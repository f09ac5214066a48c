namespace RorNational.Fhir.Search.Querying;

/// <summary>Paging limits of search (configuration section "Search").</summary>
public sealed class SearchOptions
{
    /// <summary>Matches per page when _count is not given: 200, as the national ROR API.</summary>
    public int DefaultCount { get; set; } = 200;

    public int MaxCount { get; set; } = 1000;

    /// <summary>Included resources per page; beyond it, the includes continue on the next page.</summary>
    public int MaxIncludesPerPage { get; set; } = 1000;
}
