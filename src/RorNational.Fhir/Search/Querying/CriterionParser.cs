using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;
using RorNational.Fhir.Search.Definitions;

namespace RorNational.Fhir.Search.Querying;

/// <summary>A parameter this server does not know (ignored under lenient handling, 400 under strict).</summary>
public sealed class UnknownParameter(string name, string reason) : Exception(reason)
{
    public string Name { get; } = name;
}

/// <summary>
/// Turns one "name[:modifier][.chain]=value[,value]" pair, or a _has, into a criterion on a
/// resource type, checking every part against the SearchParameter definitions.
/// </summary>
public sealed class CriterionParser(SearchParameterCatalog catalog, ValueParser values, IOptions<SearchOptions> options)
{
    private static readonly string[] ValueModifiers = ["missing", "exact", "contains"];

    public Criterion Parse(string resourceType, string name, string raw)
    {
        SearchLimits.CheckDepth(name, options.Value);
        return Parse(resourceType, name, name, raw);
    }

    private Criterion Parse(string resourceType, string fullName, string name, string raw)
    {
        if (name.StartsWith("_has:", StringComparison.Ordinal)) return Has(resourceType, fullName, name, raw);

        var dot = name.IndexOf('.');
        var head = dot < 0 ? name : name[..dot];
        var colon = head.IndexOf(':');
        var code = colon < 0 ? head : head[..colon];
        var modifier = colon < 0 ? null : head[(colon + 1)..];
        var parameter = catalog.Find(resourceType, code)
            ?? throw new UnknownParameter(fullName, $"{resourceType} has no search parameter '{code}'");

        if (dot >= 0) return Chain(resourceType, fullName, parameter, modifier, name[(dot + 1)..], raw);
        if (parameter.Type == SearchParamType.Reference && modifier is not null && modifier != "missing"
            && (modifier != "above" || parameter.Allows("above")))
            return ReferenceWithModifier(fullName, parameter, modifier, raw);
        if (modifier is not null && (!ValueModifiers.Contains(modifier) || !AllowsModifier(parameter, modifier)))
            throw ValueParser.Invalid(fullName, $"the modifier :{modifier} is not supported on {code} ({parameter.Type})");
        if (modifier == "missing" && raw.Contains(','))
            throw ValueParser.Invalid(fullName, "takes a single true or false with :missing");
        var parsed = SearchLimits.Alternatives(fullName, raw, options.Value).Select(value => values.Parse(parameter, fullName, modifier, value)).ToList();
        return new ParameterCriterion(parameter, modifier, parsed);
    }

    /// <summary>The modifiers its SearchParameter declares, among those the engine implements.</summary>
    private static bool AllowsModifier(SearchParameterDefinition parameter, string modifier) =>
        parameter.Allows(modifier) && modifier switch
        {
            "missing" => true,
            "exact" or "contains" => parameter.Type == SearchParamType.String,
            _ => false,
        };

    /// <summary>reference.param=value, reference:Type.param=value, organization:above.param=value.</summary>
    private Criterion Chain(string resourceType, string fullName, SearchParameterDefinition reference, string? modifier, string rest, string raw)
    {
        if (reference.Type != SearchParamType.Reference)
            throw ValueParser.Invalid(fullName, $"{reference.Code} is not a reference: it cannot be chained");
        var hierarchy = modifier == "above";
        var targetType = TargetType(fullName, reference, hierarchy ? null : modifier);
        RequireOrganizationTree(fullName, hierarchy, targetType);
        return new ChainCriterion(reference, targetType, Parse(targetType, fullName, rest, raw), hierarchy);
    }

    /// <summary>organization:above=Organization/x (x and the organizations below it), or location:Location=x.</summary>
    private Criterion ReferenceWithModifier(string fullName, SearchParameterDefinition reference, string modifier, string raw)
    {
        var hierarchy = modifier == "above";
        var targetType = TargetType(fullName, reference, hierarchy ? null : modifier);
        RequireOrganizationTree(fullName, hierarchy, targetType);
        var references = SearchLimits.Alternatives(fullName, raw, options.Value).Select(value => (ReferenceValue)values.Parse(reference, fullName, null, value)).ToList();
        if (!hierarchy)
            return new ParameterCriterion(reference, null, references.Select(value => value with { Type = targetType }).ToList<SearchValue>());
        var roots = new ParameterCriterion(catalog.Find(targetType, "_id")!, null, references.Select(r => new TokenValue(null, r.Id, false)).ToList<SearchValue>());
        return new ChainCriterion(reference, targetType, roots, Hierarchy: true);
    }

    private static void RequireOrganizationTree(string fullName, bool hierarchy, string targetType)
    {
        if (hierarchy && targetType != "Organization")
            throw ValueParser.Invalid(fullName, ":above follows the organization hierarchy (partOf): it applies to references to Organization");
    }

    private string TargetType(string fullName, SearchParameterDefinition reference, string? typeModifier)
    {
        if (typeModifier is not null)
        {
            if (!ModelInfo.IsKnownResource(typeModifier))
                throw ValueParser.Invalid(fullName, $"the modifier :{typeModifier} is not supported on {reference.Code} (a resource type or :above)");
            if (!reference.Targets.Contains(typeModifier))
                throw ValueParser.Invalid(fullName, $"{reference.Code} does not refer to {typeModifier}");
            if (!SearchParameterCatalog.ResourceTypes.Contains(typeModifier))
                throw new UnknownParameter(fullName, $"this server does not serve {typeModifier}");
            return typeModifier;
        }
        var served = reference.Targets.Where(SearchParameterCatalog.ResourceTypes.Contains).ToList();
        return served.Count switch
        {
            1 => served[0],
            0 => throw new UnknownParameter(fullName, $"{reference.Code} refers to resources this server does not serve"),
            _ => throw ValueParser.Invalid(fullName, $"{reference.Code} may refer to {string.Join(" or ", served)}: say which with {reference.Code}:Type"),
        };
    }

    /// <summary>_has:SourceType:referenceParam:param=value (the param may itself be a _has or a chain).</summary>
    private Criterion Has(string resourceType, string fullName, string name, string raw)
    {
        var parts = name.Split(':', 4);
        if (parts.Length < 4 || parts[1].Length == 0 || parts[2].Length == 0 || parts[3].Length == 0)
            throw ValueParser.Invalid(fullName, "_has takes the form _has:Type:reference:parameter=value");
        var (sourceType, referenceCode, rest) = (parts[1], parts[2], parts[3]);
        if (!SearchParameterCatalog.ResourceTypes.Contains(sourceType))
            throw new UnknownParameter(fullName, $"this server does not serve {sourceType}");
        var reference = catalog.Find(sourceType, referenceCode)
            ?? throw new UnknownParameter(fullName, $"{sourceType} has no search parameter '{referenceCode}'");
        if (reference.Type != SearchParamType.Reference || !reference.Targets.Contains(resourceType))
            throw ValueParser.Invalid(fullName, $"{sourceType}.{referenceCode} is not a reference to {resourceType}");
        return new HasCriterion(sourceType, reference, Parse(sourceType, fullName, rest, raw));
    }

    /// <summary>Commas separate alternatives, except when escaped as "\,".</summary>
    public static IEnumerable<string> SplitOr(string raw)
    {
        var start = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\') i++;
            else if (raw[i] == ',')
            {
                yield return raw[start..i];
                start = i + 1;
            }
        }
        yield return raw[start..];
    }
}
