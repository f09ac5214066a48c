using System.Text.RegularExpressions;

namespace RorNational.Fhir.Search.Indexing;

/// <summary>
/// The top-level elements of a resource whose content can change what a FHIRPath expression
/// returns: a conservative reading of its text, so that an access-profile view which hides
/// nothing among them is known to give the same values as the whole resource. Every name
/// the expression spells counts (a few too many only cost an evaluation); an expression that
/// could reach an element without spelling its name (children(), descendants(), resolve(),
/// an environment variable, a delimited name...) reads <see cref="Everything"/>.
/// </summary>
public sealed partial class ElementsRead
{
    /// <summary>The functions that reach nothing but the collection they are applied to and the names spelled in their arguments.</summary>
    private static readonly HashSet<string> NavigationFree =
        ["where", "ofType", "exists", "empty", "not", "first", "last", "as", "is", "select", "extension"];

    private readonly HashSet<string>? _names;

    private ElementsRead(HashSet<string>? names) => _names = names;

    public static readonly ElementsRead Everything = new(null);

    /// <summary>The names a list of known element reads (e.g. the _content text: name, alias, description...).</summary>
    public static ElementsRead Names(params string[] names) => new([.. names]);

    public static ElementsRead Of(string expression)
    {
        if (expression.IndexOfAny(['%', '`']) >= 0) return Everything;
        var code = StringLiteral().Replace(expression, "''");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match identifier in Identifier().Matches(code))
        {
            var name = identifier.Groups["name"].Value;
            if (identifier.Groups["call"].Success && !NavigationFree.Contains(name)) return Everything;
            names.Add(name);
        }
        return new ElementsRead(names);
    }

    /// <summary>Whether the expression may read one of <paramref name="elements"/> (top-level element names).</summary>
    public bool AnyOf(IReadOnlySet<string> elements) => elements.Count > 0 && (_names is null || _names.Overlaps(elements));

    /// <summary>The top-level elements among <paramref name="present"/> it may read.</summary>
    public IEnumerable<string> Among(IEnumerable<string> present) => _names is null ? present : present.Where(_names.Contains);

    [GeneratedRegex(@"'(?:[^'\\]|\\.)*'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<call>\s*\()?")]
    private static partial Regex Identifier();
}
