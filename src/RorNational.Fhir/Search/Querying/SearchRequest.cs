namespace RorNational.Fhir.Search.Querying;

/// <summary>A parsed search: what to match, include, sort and return. Built by <see cref="SearchRequestParser"/>.</summary>
public sealed class SearchRequest
{
    public required string ResourceType { get; init; }
    public List<Criterion> Criteria { get; } = [];
    public List<IncludeRequest> Includes { get; } = [];
    public List<SortKey> Sort { get; } = [];
    public int Count { get; set; }
    public PageCursor? Cursor { get; set; }
    public bool CountOnly { get; set; }
    public bool Total { get; set; } = true;
    public SummaryMode Summary { get; set; } = SummaryMode.False;
    public IReadOnlyList<string>? Elements { get; set; }

    /// <summary>Parameters ignored (lenient handling), told to the caller in an OperationOutcome entry.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>The query as understood, without paging, for the Bundle's links: name and raw value pairs.</summary>
    public List<KeyValuePair<string, string>> Canonical { get; } = [];
}

/// <summary>_include (forward) or _revinclude (reverse), optionally :iterate, optionally restricted to one target type.</summary>
public sealed record IncludeRequest(string SourceType, string Parameter, string? TargetType, bool Reverse, bool Iterate);

public enum SortField { Id, LastUpdated, Name, PriceValidityStart }

/// <param name="Through">
/// For a sort on a parameter of referenced resources (organization.price-validity-start-date from
/// HealthcareService), the reference parameter followed; null on the resource's own values.
/// </param>
public sealed record SortKey(SortField Field, bool Descending, string? Through = null);

public enum SummaryMode { False, True, Text, Data }
