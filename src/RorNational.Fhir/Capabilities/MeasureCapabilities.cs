using Hl7.Fhir.Model;
using RorNational.Fhir.Availability.Measures;
using RorNational.Fhir.Availability.Measures.Searching;
using RorNational.Fhir.Search.Definitions;

namespace RorNational.Fhir.Capabilities;

/// <summary>
/// What the CapabilityStatement says of Measure and MeasureReport (bed availability): their
/// guide profiles, search parameters (fhir-profiles/SearchParameter), includes and _has.
/// </summary>
public static class MeasureCapabilities
{
    public static bool Describes(string type) => MeasureSearchParser.Parameters.ContainsKey(type);

    public static string? ProfileOf(string type) => type switch
    {
        MeasureSearchParser.Measure => MeasureCanonical.MeasureProfile,
        MeasureSearchParser.MeasureReport => MeasureCanonical.MeasureReportProfile,
        _ => null,
    };

    public static CapabilityStatement.ResourceComponent DescribeSearch(CapabilityStatement.ResourceComponent resource, SearchParameterCatalog catalog)
    {
        var type = resource.Type!;
        resource.SearchParam = MeasureSearchParser.Parameters[type]
            .Select(code => catalog.All.First(p => p.Code == code && p.AppliesTo(type)))
            .Select(p => new CapabilityStatement.SearchParamComponent { Name = p.Code, Definition = p.Url, Type = p.Type, Documentation = p.Description })
            .ToList();
        if (type == MeasureSearchParser.Measure)
        {
            resource.SearchParam.Add(new CapabilityStatement.SearchParamComponent
            {
                Name = "_has", Type = SearchParamType.Special,
                Documentation = "_has:MeasureReport:measure:<parameter>=<value>: the Measures one of whose MeasureReports matches (date, territory, subject:identifier...)",
            });
            resource.SearchRevInclude = ["MeasureReport:measure"];
        }
        else
        {
            resource.SearchInclude = ["MeasureReport:measure"];
            resource.Documentation =
                "Computed on each request from the bed-availability synthesis, as the caller's profile may read it; never stored " +
                "(no versions, no history). Ids: national-<regroupement>, region-<code>-<regroupement>, departement-<code>-<regroupement>.";
        }
        return resource;
    }
}
