using Hl7.Fhir.Model;
using RorNational.Fhir.Access;
using RorNational.Fhir.Search.Definitions;

namespace RorNational.Fhir.Search.Querying;

/// <summary>
/// A sort on the validity start of prices (ST8: <c>_sort=-organization.price-validity-start-date</c>),
/// on an Organization's own prices or, chained, on those of the Organizations a resource
/// references. A resource has several prices: as FHIR sorts on a repeating element, descending
/// takes the latest start, ascending the earliest, among the prices the caller may see (the price
/// index, <see cref="CriterionSql.Visible"/>), so a sort never tells a hidden price. A resource
/// without any dated price comes last either way.
/// </summary>
public sealed class PriceSort(string schema, AccessProfile profile)
{
    public const string Parameter = "price-validity-start-date";

    /// <summary>Instants that stand for "no dated price": after every date ascending, before every date descending.</summary>
    private const string NoneAscending = "'9999-12-31T00:00:00Z'::timestamptz";
    private const string NoneDescending = "'0001-01-01T00:00:00Z'::timestamptz";

    /// <summary>
    /// "" when <paramref name="name"/> sorts on the resource's own prices (an Organization), the
    /// reference parameter followed when it is "reference.price-validity-start-date" through a
    /// reference to Organization, null when it is no price sort.
    /// </summary>
    public static string? Through(SearchParameterCatalog catalog, string resourceType, string name)
    {
        if (name == Parameter) return resourceType == "Organization" ? "" : null;
        if (!name.EndsWith("." + Parameter, StringComparison.Ordinal)) return null;
        var reference = name[..^(Parameter.Length + 1)];
        return catalog.Find(resourceType, reference) is { Type: SearchParamType.Reference } definition
               && (definition.Targets.Count == 0 || definition.Targets.Contains("Organization"))
            ? reference
            : null;
    }

    /// <summary>The SQL value a resource of alias <paramref name="alias"/> sorts by.</summary>
    public string Column(SortKey key, string resourceType, string alias)
    {
        var (aggregate, none) = key.Descending ? ("max", NoneDescending) : ("min", NoneAscending);
        var prices = key.Through is null
            ? $"select {aggregate}(ps.start_low) from {schema}.fhir_search_price ps where ps.resource_type = 'Organization' and ps.id = {alias}.id and {Visible("ps")}"
            : $"select {aggregate}(ps.start_low) from {schema}.fhir_search_reference xs join {schema}.fhir_search_price ps " +
              $"on ps.resource_type = 'Organization' and ps.id = xs.target_id where xs.resource_type = '{resourceType}' and xs.id = {alias}.id " +
              $"and xs.param = '{key.Through}' and xs.target_type = 'Organization' and {Visible("xs")} and {Visible("ps")}";
        return $"coalesce(({prices}), {none})";
    }

    /// <summary>
    /// As <see cref="CriterionSql.Visible"/>, with the profile's classes as literals: the sort
    /// column is written before the query's parameters (integers of the configuration, never input).
    /// </summary>
    private string Visible(string alias)
    {
        if (profile.SeesEverything) return "true";
        var together = profile.HiddenTogether.Select(c => $" and {alias}.requires & {(int)c} <> {(int)c}");
        return $"({alias}.requires & {(int)profile.HiddenAlone} = 0{string.Concat(together)})";
    }
}
