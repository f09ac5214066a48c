using Microsoft.Extensions.Options;
using RorNational.Fhir.Search.Definitions;

namespace RorNational.Fhir.Search.Querying;

/// <summary>
/// Reads the parameters of a search (query string and, for POST _search, the form body) into a
/// <see cref="SearchRequest"/>. Unknown parameters are ignored and reported (lenient, the
/// default) or refused (strict: Prefer: handling=strict); malformed values are always refused.
/// </summary>
public sealed class SearchRequestParser(SearchParameterCatalog catalog, CriterionParser criteria, FilterParser filters, IOptions<SearchOptions> options)
{
    /// <summary>Parameters about the response rather than the match; _format and _pretty are handled by the HTTP layer.</summary>
    private static readonly HashSet<string> ResponseParameters = ["_format", "_pretty"];

    public SearchRequest Parse(string resourceType, IEnumerable<KeyValuePair<string, string>> parameters, bool strict)
    {
        var limits = options.Value;
        var request = new SearchRequest { ResourceType = resourceType, Count = limits.DefaultCount };
        var all = parameters.Take(limits.MaxParameters + 1).ToList();
        if (all.Count > limits.MaxParameters)
            throw SearchLimits.Exceeded(all[^1].Key, "too many parameters", limits.MaxParameters, nameof(SearchOptions.MaxParameters));
        var selecting = 0;
        var revincluded = RevincludedTypes(all);
        foreach (var (name, value) in all)
        {
            SearchLimits.CheckPair(name, value, limits);
            if (ResponseParameters.Contains(name))
            {
                request.Canonical.Add(new(name, value));
                continue;
            }
            if (name == PageCursor.ParameterName)
            {
                request.Cursor = PageCursor.Decode(value);
                continue;
            }
            request.Canonical.Add(new(name, value));
            try
            {
                if (Control(request, name, value, limits, revincluded)) continue;
                var criterion = name == "_filter" ? filters.Parse(resourceType, value) : criteria.Parse(resourceType, name, value);
                selecting += SearchLimits.Comparisons(criterion);
                if (selecting > limits.MaxCriteria)
                    throw SearchLimits.Exceeded(name, "too many criteria (each comparison of a _filter counts)", limits.MaxCriteria, nameof(SearchOptions.MaxCriteria));
                request.Criteria.Add(criterion);
            }
            catch (UnknownParameter unknown)
            {
                if (strict) throw ValueParser.Invalid(unknown.Name, unknown.Message + " (Prefer: handling=strict)");
                request.Warnings.Add($"{unknown.Name}: ignored, {unknown.Message}");
            }
        }
        return request;
    }

    /// <summary>Handles the parameters that shape the result rather than select; false for a criterion.</summary>
    private bool Control(SearchRequest request, string name, string value, SearchOptions limits, IReadOnlySet<string> revincluded)
    {
        if (ShapingParameters.Apply(request, name, value, limits)) return true;
        switch (name)
        {
            case "_sort":
                foreach (var key in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var sort = Sort(request.ResourceType, key);
                    if (request.Sort.Any(k => k.Field == sort.Field))
                        throw ValueParser.Invalid(name, $"sorts on '{key.TrimStart('-')}' twice: each field once");
                    request.Sort.Add(sort);
                }
                return true;
            case "_include" or "_include:iterate" or "_revinclude" or "_revinclude:iterate":
                if (request.Includes.Count >= limits.MaxIncludes)
                    throw SearchLimits.Exceeded(name, "too many _include and _revinclude (each counts, repeated or not)", limits.MaxIncludes, nameof(SearchOptions.MaxIncludes));
                request.Includes.Add(Include(request.ResourceType, name, value, revincluded));
                return true;
            default:
                return false;
        }
    }

    private SortKey Sort(string resourceType, string key)
    {
        var descending = key.StartsWith('-');
        var name = descending ? key[1..] : key;
        if (PriceSort.Through(catalog, resourceType, name) is { } through) return new SortKey(SortField.PriceValidityStart, descending, through.Length == 0 ? null : through);
        var field = name switch
        {
            "_id" => SortField.Id,
            "_lastUpdated" => SortField.LastUpdated,
            "name" => SortField.Name,
            var other => throw ValueParser.Invalid("_sort", $"cannot sort on '{other}': sortable are _id, _lastUpdated, name " +
                $"and {PriceSort.Parameter} (on Organization, or chained through a reference to Organization: organization.{PriceSort.Parameter})"),
        };
        return new SortKey(field, descending);
    }

    /// <summary>
    /// The types a _revinclude of the request brings: the guide's ST2/ST3 tail
    /// (<c>_revinclude=PractitionerRole:service&amp;_include=PractitionerRole:practitioner</c>) includes from
    /// them without :iterate, so such an _include follows the resources they bring.
    /// </summary>
    private static HashSet<string> RevincludedTypes(IEnumerable<KeyValuePair<string, string>> parameters) =>
        parameters.Where(p => p.Key is "_revinclude" or "_revinclude:iterate").Select(p => p.Value.Split(':')[0]).ToHashSet();

    /// <summary>_include=Source:param[:Target], _revinclude=Source:param[:Target]; :iterate follows included resources too.</summary>
    private IncludeRequest Include(string resourceType, string name, string value, IReadOnlySet<string> revincluded)
    {
        var reverse = name.StartsWith("_revinclude", StringComparison.Ordinal);
        var iterate = name.EndsWith(":iterate", StringComparison.Ordinal);
        if (!reverse && !iterate && value.Split(':')[0] is var from && from != resourceType && revincluded.Contains(from)) iterate = true;
        var parts = value.Split(':');
        if (parts.Length is < 2 or > 3)
            throw ValueParser.Invalid(name, $"'{value}' is not Type:parameter[:TargetType]");
        var (source, code, target) = (parts[0], parts[1], parts.Length == 3 ? parts[2] : null);
        if (!SearchParameterCatalog.ResourceTypes.Contains(source))
            throw new UnknownParameter(name, $"'{value}': this server does not serve {source}");
        var parameter = catalog.Find(source, code)
            ?? throw new UnknownParameter(name, $"'{value}': {source} has no search parameter '{code}'");
        if (parameter.Type != Hl7.Fhir.Model.SearchParamType.Reference)
            throw ValueParser.Invalid(name, $"'{value}': {code} is not a reference");
        if (target is not null && !parameter.Targets.Contains(target))
            throw ValueParser.Invalid(name, $"'{value}': {code} does not refer to {target}");
        if (!iterate && !reverse && source != resourceType)
            throw ValueParser.Invalid(name, $"'{value}': includes start from {resourceType} (use _include:iterate to follow included resources)");
        return new IncludeRequest(source, code, target, reverse, iterate);
    }
}
