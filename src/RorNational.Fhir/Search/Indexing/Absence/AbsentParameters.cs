using Hl7.Fhir.Model;
using RorNational.Fhir.Search.Definitions;

namespace RorNational.Fhir.Search.Indexing.Absence;

/// <summary>
/// The parameters a resource has no value of, hidden or not: the "absent" column of its
/// resource row, under a GIN index, so that ":missing=true" is an index lookup of the few
/// resources lacking a value rather than a probe of every resource of the type (300,000 UO
/// at the national scale). It says exactly what the probe said: no row of the parameter in
/// the table its type is indexed in (<see cref="TableOf"/>). Who may know the absence is
/// still the <see cref="ClassifiedIndex.AbsenceParam"/> row's business.
/// </summary>
public static class AbsentParameters
{
    /// <summary>The index table (fhir_search_X) whose rows say a parameter of this type is present.</summary>
    public static string TableOf(SearchParamType type) => type switch
    {
        SearchParamType.Token or SearchParamType.Uri => "token",
        SearchParamType.String => "string",
        SearchParamType.Date => "date",
        SearchParamType.Number or SearchParamType.Quantity => "number",
        SearchParamType.Reference => "reference",
        _ => "position",
    };

    /// <summary>
    /// Whether the absent column answers ":missing=true" for this parameter: those searched by
    /// the generic index tables. _id and _lastUpdated are columns, _content and near are not
    /// missing-able, and the capacity, equipment and price parameters have tables of their own.
    /// </summary>
    public static bool Tracks(string resourceType, SearchParameterDefinition parameter) =>
        parameter.Type is SearchParamType.Token or SearchParamType.Uri or SearchParamType.String or SearchParamType.Date
            or SearchParamType.Number or SearchParamType.Quantity or SearchParamType.Reference
        && parameter.Code is not ("_id" or "_lastUpdated" or "_content")
        && !OwnIndexTables.Index(resourceType, parameter.Code);

    /// <summary>The tracked parameters of the resource's type that none of its rows carries, by code.</summary>
    public static string[] Of(SearchIndexRows rows, IEnumerable<SearchParameterDefinition> parametersOfType)
    {
        var present = new HashSet<(string Table, string Param)>();
        present.UnionWith(rows.Tokens.Select(t => ("token", t.Param)));
        present.UnionWith(rows.Strings.Select(s => ("string", s.Param)));
        present.UnionWith(rows.Dates.Select(d => ("date", d.Param)));
        present.UnionWith(rows.Numbers.Select(n => ("number", n.Param)));
        present.UnionWith(rows.References.Select(x => ("reference", x.Param)));
        return parametersOfType
            .Where(p => Tracks(rows.ResourceType, p) && !present.Contains((TableOf(p.Type), p.Code)))
            .Select(p => p.Code).Distinct().Order(StringComparer.Ordinal).ToArray();
    }
}
