using System.ComponentModel.DataAnnotations;

namespace RorNational.Fhir.Search.Querying;

/// <summary>
/// Paging, cost bounds and the statement timeout of search (configuration section "Search",
/// e.g. Search:MaxCriteria). Every bound is checked before any SQL exists; past one, the
/// search is refused with 400 naming the parameter and the bound. The defaults leave room for
/// every query of the README and of the national guide. The settings of large counts are
/// checked at start-up (<see cref="Validate"/>).
/// </summary>
public sealed class SearchOptions : IValidatableObject
{
    /// <summary>Matches per page when _count is not given: 200, as the national ROR API.</summary>
    public int DefaultCount { get; set; } = 200;

    public int MaxCount { get; set; } = 1000;

    /// <summary>Included resources per page; beyond it, the includes continue on the next page.</summary>
    public int MaxIncludesPerPage { get; set; } = 1000;

    /// <summary>Parameters in one search, of any kind (query string and form body together).</summary>
    public int MaxParameters { get; set; } = 60;

    /// <summary>Comparisons of one search: each parameter that selects (not _count, _sort, _include...) and each comparison of a _filter.</summary>
    public int MaxCriteria { get; set; } = 20;

    /// <summary>_include and _revinclude (:iterate too) of one search, each counted, repeated or not.</summary>
    public int MaxIncludes { get; set; } = 10;

    /// <summary>Alternatives of one parameter (its comma-separated values).</summary>
    public int MaxValuesPerParameter { get; set; } = 100;

    /// <summary>Characters of one parameter's name, or of one value.</summary>
    public int MaxNameLength { get; set; } = 256;

    public int MaxValueLength { get; set; } = 4096;

    /// <summary>References followed by one chained name (organization.partof.name: 2).</summary>
    public int MaxChainDepth { get; set; } = 4;

    /// <summary>_has nested in one name (_has:A:x:_has:B:y:param: 2).</summary>
    public int MaxHasDepth { get; set; } = 3;

    /// <summary>Characters of one _filter expression.</summary>
    public int MaxFilterLength { get; set; } = 2048;

    /// <summary>Comparisons (param op value) in one _filter.</summary>
    public int MaxFilterComparisons { get; set; } = 20;

    /// <summary>Parentheses and not nested in one _filter.</summary>
    public int MaxFilterDepth { get; set; } = 8;

    /// <summary>Longest a search may run in the database; past it, 503 with Retry-After.</summary>
    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a search's total may take before it is a large count, which waits its turn (<see cref="LargeCounts"/>); zero: every count is large.</summary>
    public TimeSpan SmallCountBound { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Large counts run at once on a node: by default one, as PostgreSQL's parallel workers
    /// already spread it over the cores (scale 1.0 on 2 cores: 1.01 counts/s with one turn or two,
    /// p50 0.92 s with one, 1.94 s with two).
    /// </summary>
    public int LargeCountsAtOnce { get; set; } = 1;

    /// <summary>Longest a large count waits for its turn; past it, 503 with Retry-After.</summary>
    public TimeSpan LargeCountWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a node sums the changes of the kept counts, of capacity and of tags (KeptCountFolding).</summary>
    public TimeSpan CountFoldInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>What a timer can wait, and more than any count should: the large counts' periods are at most this.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        foreach (var (name, value) in new[] { (nameof(SmallCountBound), SmallCountBound), (nameof(LargeCountWait), LargeCountWait) })
            if (value < TimeSpan.Zero || value > LongestWait)
                yield return new ValidationResult($"Search:{name} is {value}: it must be at least zero and at most {LongestWait}", [name]);
        if (CountFoldInterval <= TimeSpan.Zero || CountFoldInterval > LongestWait)
            yield return new ValidationResult($"Search:{nameof(CountFoldInterval)} is {CountFoldInterval}: it must be more than zero and at most {LongestWait}", [nameof(CountFoldInterval)]);
        if (LargeCountsAtOnce < 1)
            yield return new ValidationResult($"Search:{nameof(LargeCountsAtOnce)} is {LargeCountsAtOnce}: it must be at least 1", [nameof(LargeCountsAtOnce)]);
    }
}
