using System.Text.RegularExpressions;
using Hl7.Fhir.Model;

namespace RorNational.Fhir.Search.Indexing;

/// <summary>
/// A search parameter whose values all come from one top-level extension of the resource:
/// a plain path <c>Type.extension.where(url='U')…</c> (navigation, where() and ofType() only,
/// no union). A resource without an extension of url U has no value for it, so it is not
/// evaluated at all: most ROR extensions (prices, capacities, equipment...) are absent from
/// most resources, and FHIRPath is the costly part of indexing.
/// </summary>
public sealed partial class ExtensionFilter
{
    private readonly string _url;

    private ExtensionFilter(string url) => _url = url;

    /// <summary>The filter of an expression, or null when its values may come from elsewhere.</summary>
    public static ExtensionFilter? Of(string expression)
    {
        var match = TopLevelExtension().Match(expression);
        if (!match.Success) return null;
        var rest = match.Groups["rest"].Value;
        if (rest.IndexOfAny(['|', '%', '`']) >= 0) return null;
        foreach (Match call in FunctionCall().Matches(rest))
            if (call.Groups["name"].Value is not ("where" or "ofType")) return null;
        return new ExtensionFilter(match.Groups["url"].Value);
    }

    /// <summary>Whether the resource may have values for the expression: it has a top-level extension of that url.</summary>
    public bool MayMatch(Resource resource) =>
        resource is not DomainResource domain || domain.Extension.Any(extension => extension.Url == _url);

    [GeneratedRegex(@"^[A-Za-z]+\.extension\.where\(url='(?<url>[^'\\]+)'\)(?<rest>.*)$", RegexOptions.Singleline)]
    private static partial Regex TopLevelExtension();

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*\(")]
    private static partial Regex FunctionCall();
}
