using Hl7.Fhir.Model;
using RorNational.Fhir.Search.Indexing;
using RorNational.Fhir.Search.Querying;

namespace RorNational.Fhir.Availability.Measures.Searching;

/// <summary>How one parsed value matches an element, with the semantics of FHIR search (R4 §3.1.1.4).</summary>
public static class ValueMatching
{
    /// <summary>code (any system), system|code, |code (no system), system| (any code of the system).</summary>
    public static bool Token(TokenValue token, string? system, string? code) =>
        (token.NoSystem ? string.IsNullOrEmpty(system) : token.System is null || token.System == system)
        && (token.Code is null || token.Code == code);

    /// <summary>Starts with the value, accents and case aside; :exact exactly; :contains anywhere.</summary>
    public static bool String(StringValue value, string? modifier, string? text)
    {
        if (text is null) return false;
        return modifier switch
        {
            "exact" => text == value.Text,
            "contains" => TextNormalizer.Normalize(text).Contains(TextNormalizer.Normalize(value.Text), StringComparison.Ordinal),
            _ => TextNormalizer.Normalize(text).StartsWith(TextNormalizer.Normalize(value.Text), StringComparison.Ordinal),
        };
    }

    /// <summary>An instant against a date value at its precision (eq: within the range it covers).</summary>
    public static bool Date(DateValue value, DateTimeOffset instant)
    {
        var at = new DateTime(instant.UtcDateTime.Ticks - instant.UtcDateTime.Ticks % 10, DateTimeKind.Utc);
        var (low, high) = (value.Range.Low, value.Range.High);
        return value.Prefix switch
        {
            SearchPrefix.Eq => at >= low && at <= high,
            SearchPrefix.Ne => at < low || at > high,
            SearchPrefix.Gt or SearchPrefix.Sa => at > high,
            SearchPrefix.Lt or SearchPrefix.Eb => at < low,
            SearchPrefix.Ge => at >= low,
            SearchPrefix.Le => at <= high,
            _ => false,
        };
    }

    public static bool Any(this IEnumerable<Identifier> identifiers, TokenValue token) =>
        identifiers.Any(identifier => Token(token, identifier.System, identifier.Value));
}
