using System.Text;
using System.Text.RegularExpressions;
using RorNational.Domain.Capacity;
using RorNational.Fhir.Ror;
using C = RorNational.Fhir.Ror.CapacityCodes;

namespace RorNational.Offer.Capacity.Protocol;

/// <summary>
/// The path of a replace or delete, parsed into the key of the indicator it selects rather
/// than evaluated as FHIRPath: "Location.extension.where(url='…supported-capacity')" followed
/// by ".where(…)" clauses "extension.where(url = 'member' and valueCodeableConcept.coding.code = 'code')"
/// joined by "and". A member without a clause is absent from the key, never "any": FHIRPath
/// would let a path without gender select every gender's indicator at once.
/// </summary>
public static partial class SelectorPath
{
    private static readonly string[] KeyMembers =
        [C.CapacityStatus, C.Temporality, C.Gender, C.ClosingType, C.AdditionalBedType, C.CrisisType, C.TemporaryAssignment];

    private static readonly string CompactCollection = Compact(CapacityExpressions.Collection);

    /// <summary>Whether the path is the capacity collection itself (the path of an add).</summary>
    public static bool IsCollection(string path) => Compact(path) == CompactCollection;

    public static CapacityKey Parse(string path, string expression)
    {
        var compact = Compact(path);
        var collection = CompactCollection;
        if (!compact.StartsWith(collection, StringComparison.Ordinal))
            throw Invalid($"only capacity may be patched: the path must start with {CapacityExpressions.Collection}", expression);
        var rest = compact[collection.Length..];
        if (rest.Length == 0)
            throw Invalid("a replace or delete path selects one indicator: add .where(…) clauses on its key", expression);

        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        // The clauses must follow each other and cover the whole rest of the path.
        var matched = 0;
        foreach (Match where in Where().Matches(rest))
        {
            matched = where.Index == matched ? matched + where.Length : -1;
            foreach (var clause in where.Groups["clauses"].Value.Split(")and", StringSplitOptions.None))
                ReadClause(clause.EndsWith(')') ? clause : clause + ")", codes, expression);
        }
        if (matched != rest.Length)
            throw Invalid("the path's criteria must be .where(extension.where(url='…' and valueCodeableConcept.coding.code='…') and …)", expression);

        string? Of(string member) => codes.GetValueOrDefault(member);
        if (Of(C.CapacityStatus) is not { } status || Of(C.Temporality) is not { } temporality || Of(C.TemporaryAssignment) is not { } assignment)
            throw CapacityChangeRefused.Because(CapacityRefusalKind.BusinessRule,
                "The criteria of the path do not name a valid indicator: " + string.Join(" / ", KeyMembers.Select(m => $"{m}: {Of(m) ?? "null"}")));
        return new CapacityKey(status, temporality, Of(C.Gender), Of(C.ClosingType), Of(C.AdditionalBedType), Of(C.CrisisType), assignment);
    }

    private static void ReadClause(string clause, Dictionary<string, string> codes, string expression)
    {
        var match = Clause().Match(clause);
        if (!match.Success)
            throw Invalid($"'{clause}' is not a criterion extension.where(url='…' and valueCodeableConcept.coding.code='…')", expression);
        var member = match.Groups["member"].Value;
        if (!KeyMembers.Contains(member))
            throw Invalid($"the path selects an indicator by its key ({string.Join(", ", KeyMembers)}); {member} is not part of it", expression);
        if (!codes.TryAdd(member, match.Groups["code"].Value))
            throw Invalid($"{member} is named twice in the path", expression);
    }

    /// <summary>The path without whitespace outside quotes, single quotes throughout.</summary>
    private static string Compact(string path)
    {
        var compact = new StringBuilder(path.Length);
        char? quote = null;
        foreach (var c in path)
        {
            if (quote is null && char.IsWhiteSpace(c)) continue;
            if (c is '\'' or '"')
            {
                if (quote is null) quote = c;
                else if (quote == c) quote = null;
                else { compact.Append(c); continue; }
                compact.Append('\'');
                continue;
            }
            compact.Append(c);
        }
        return compact.ToString();
    }

    [GeneratedRegex(@"\.where\((?<clauses>extension\.where\(.*?\)(?:and(?:extension\.where\(.*?\)))*)\)(?=\.where\(|$)")]
    private static partial Regex Where();

    [GeneratedRegex(@"^extension\.where\(url='(?<member>[A-Za-z]+)'and(?:valueCodeableConcept\.coding|valueCoding)\.code='(?<code>[^']+)'\)$")]
    private static partial Regex Clause();

    private static CapacityChangeRefused Invalid(string diagnostics, string expression) =>
        CapacityChangeRefused.Because(CapacityRefusalKind.Invalid, diagnostics, expression);
}
