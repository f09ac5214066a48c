using RorNational.Fhir.Access;

namespace RorNational.Fhir.Search.Indexing;

/// <summary>What one published resource contributes to the search index.</summary>
public sealed class SearchIndexRows(string resourceType, string id, DateTimeOffset lastUpdated)
{
    public string ResourceType { get; } = resourceType;
    public string Id { get; } = id;
    public DateTimeOffset LastUpdated { get; } = lastUpdated;
    public string? SortName { get; set; }

    /// <summary>The parameters it has no value of (<see cref="Absence.AbsentParameters"/>): set once its rows are complete.</summary>
    public string[] Absent { get; set; } = [];

    public List<TokenRow> Tokens { get; } = [];
    public List<StringRow> Strings { get; } = [];
    public List<NumberRow> Numbers { get; } = [];
    public List<DateRow> Dates { get; } = [];
    public List<ReferenceRow> References { get; } = [];
    public List<PositionRow> Positions { get; } = [];
    public List<TextRow> Texts { get; } = [];
}

public sealed record TokenRow(string Param, string? System, string Code, DataClass Requires);

public sealed record StringRow(string Param, string Normalized, string Exact, DataClass Requires);

/// <summary>A number, or a quantity with its unit system and code.</summary>
public sealed record NumberRow(string Param, decimal Value, string? System, string? Code, DataClass Requires);

public sealed record DateRow(string Param, DateTime Low, DateTime High, DataClass Requires);

public sealed record ReferenceRow(string Param, string TargetType, string TargetId, DataClass Requires);

public sealed record PositionRow(string Param, double Latitude, double Longitude, DataClass Requires);

/// <summary>Normalized words for _content (accents and case removed), turned into a tsvector by PostgreSQL.</summary>
public sealed record TextRow(string Words, DataClass Requires);
