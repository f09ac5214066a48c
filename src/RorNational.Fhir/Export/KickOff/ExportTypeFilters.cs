using Microsoft.AspNetCore.WebUtilities;
using RorNational.Domain.Common;
using RorNational.Fhir.Search.Querying;

namespace RorNational.Fhir.Export;

/// <summary>
/// Reads <c>_typeFilter</c> values: each a search on one type ("HealthcareService?_tag=...|11"),
/// several in one value joined by commas, or the parameter repeated. Each search is parsed as
/// the search endpoints parse it, strictly (an unknown parameter is refused, not ignored), and
/// takes criteria only: Bulk Data allows no _include, _sort or paging in a filter.
/// </summary>
public static class ExportTypeFilters
{
    private static readonly HashSet<string> NotCriteria =
        ["_include", "_revinclude", "_sort", "_count", "_total", "_summary", "_elements", "_contained", "_containedType", "_format", "_pretty", PageCursor.ParameterName];

    /// <summary>The filters of one <c>_typeFilter</c> value, checked; their types must be among <paramref name="types"/>.</summary>
    public static IEnumerable<TypeFilter> Read(string value, IReadOnlyCollection<string> types, SearchRequestParser parser)
    {
        foreach (var part in Split(value))
        {
            var mark = part.IndexOf('?');
            var type = mark < 0 ? part : part[..mark];
            if (!ExportSelection.AllTypes.Contains(type))
                throw Invalid($"'{part}' is not a search on a resource type this server exports ({string.Join(", ", ExportSelection.AllTypes)}): write it Type?parameter=value");
            if (!types.Contains(type))
                throw Invalid($"'{part}' filters {type}, which _type does not ask for");
            var filter = new TypeFilter(type, mark < 0 ? "" : part[(mark + 1)..]);
            Parse(parser, filter);
            yield return filter;
        }
    }

    /// <summary>The search a filter runs; refused (400) when it is not one.</summary>
    public static SearchRequest Parse(SearchRequestParser parser, TypeFilter filter)
    {
        var parameters = QueryHelpers.ParseQuery(filter.Query)
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? ""))).ToList();
        if (parameters.Count == 0) throw Invalid($"the filter on {filter.Type} has no criterion");
        var control = parameters.FirstOrDefault(p => NotCriteria.Contains(p.Key)).Key;
        if (control is not null)
            throw Invalid($"{control} is not allowed in a _typeFilter: a filter holds search criteria only");
        try
        {
            return parser.Parse(filter.Type, parameters, strict: true);
        }
        catch (CommandRejected rejected)
        {
            throw Invalid($"the filter {filter.Type}?{filter.Query} is not a valid search: {string.Join("; ", rejected.Problems.Select(p => p.Message))}");
        }
    }

    /// <summary>Commas separate searches only where a resource type and '?' follow: a search's own values may hold commas.</summary>
    private static IEnumerable<string> Split(string value)
    {
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != ',' || !ExportSelection.AllTypes.Any(t => value.AsSpan(i + 1).StartsWith(t + "?", StringComparison.Ordinal))) continue;
            yield return value[start..i];
            start = i + 1;
        }
        yield return value[start..];
    }

    private static CommandRejected Invalid(string message) => CommandRejected.Because(RejectionKind.Invalid, message, "_typeFilter");
}
