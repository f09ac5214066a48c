using RorNational.Fhir.Search.Indexing;

namespace RorNational.Fhir.Search.Querying;

/// <summary>One value of a search parameter, parsed and checked before any SQL is written.</summary>
public abstract record SearchValue;

/// <summary>
/// code (any system), system|code, |code (no system), or system| (any code of the system).
/// </summary>
public sealed record TokenValue(string? System, string? Code, bool NoSystem) : SearchValue;

public sealed record StringValue(string Text) : SearchValue;

public sealed record DateValue(SearchPrefix Prefix, FhirDateRange Range) : SearchValue;

/// <summary>A number, or a quantity (value|system|code). Low/High: the range the value's precision implies.</summary>
public sealed record NumberValue(SearchPrefix Prefix, decimal Value, decimal Low, decimal High, string? System, string? Code) : SearchValue;

public sealed record ReferenceValue(string? Type, string Id) : SearchValue;

/// <summary>A circle on the Earth: near (lat|lon|distance|unit) or near-insee-code (commune centroid).</summary>
public sealed record NearValue(double Latitude, double Longitude, double DistanceKm, bool CommuneCentroids) : SearchValue;

/// <summary>_content: the words to find, each as a prefix, all of them.</summary>
public sealed record ContentValue(IReadOnlyList<string> Words) : SearchValue;

public sealed record MissingValue(bool Missing) : SearchValue;

public enum SearchPrefix { Eq, Ne, Gt, Ge, Lt, Le, Sa, Eb, Ap }
