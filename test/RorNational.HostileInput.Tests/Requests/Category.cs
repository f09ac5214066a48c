namespace RorNational.HostileInput.Tests.Requests;

/// <summary>The kinds of malformed input of issue 10, as the report groups failures.</summary>
public static class Category
{
    public const string Nul = "NUL bytes";
    public const string Year9999 = "dates in year 9999";
    /// <summary>Valid FHIR dates in year 9999 as search values: an answer (or a 4xx) is right, a 5xx is not.</summary>
    public const string Year9999Searched = "dates in year 9999 searched (an answer or a 4xx)";
    public const string ImpossibleDates = "impossible dates (year 0 or 10000)";
    public const string DecimalOverflow = "decimal overflow";
    public const string Cursor = "forged or garbled cursors";
    public const string FormBody = "oversized or malformed form bodies and multipart";
    public const string NullItems = "null lists and items";
    public const string JsonEncoding = "\\u0000, invalid UTF-8, lone surrogates in JSON";
    public const string DuplicateKeys = "duplicate keys (differing by case) in JSON";
    public const string UnknownMembers = "unknown members";
    public const string WrongTypes = "wrong types and enum values";
    public const string Coordinates = "NaN or Infinity coordinates";
    public const string OutOfRange = "out-of-range values (latitude, commune, SIRET, ages, lengths)";
    public const string DeepFilter = "deep or long _filter";
    public const string RepeatedParameters = "repeated parameters";
    public const string LongChains = "long chains and _has";
    public const string UnknownRoutes = "unknown routes and methods";
    public const string ContentTypes = "wrong content types and formats";
    public const string Oversized = "oversized bodies";
    public const string Tokens = "bad tokens and missing rights";
    public const string Finess = "truncated or empty FINESS files";
    public const string UnknownIds = "unknown or malformed ids";
    public const string MalformedJson = "malformed or truncated JSON";
}
