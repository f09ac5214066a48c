using System.Globalization;
using Npgsql;

namespace Bench.Workloads;

/// <summary>
/// The national guide's consumer searches, built from the discovered ids: capacity by région
/// with _revinclude, the offer search with its include tail, organization:above, the capacity
/// search, and a _lastUpdated delta paged through up to 10,000 results (DeltaPages).
/// </summary>
public static class SearchKinds
{
    public const string RegionSystem = "https://mos.esante.gouv.fr/NOS/TRE_R30-RegionOM/FHIR/TRE-R30-RegionOM";
    private const int PerKind = 20;

    public static async Task<IReadOnlyList<SearchKind>> BuildAsync(Context context)
    {
        var ids = context.Ids;
        var crisis = context.Tokens.Of("bench-crisis");
        var professional = context.Tokens.Of("bench-professional");
        var regions = ids.Regions.Take(PerKind).ToList();
        var offers = ids.Offers.Take(PerKind).ToList();
        var trees = ids.EstablishmentTrees.Take(PerKind).ToList();
        var kinds = new List<SearchKind>
        {
            new("capacity by région, _revinclude", "capacity-by-region", true, crisis,
                [.. regions.Select(r => $"/fhir/Location?_tag={Escape(RegionSystem + "|" + r)}&_revinclude=HealthcareService:location&_count=100")],
                [.. regions.Select(r => $"/floor/capacity-by-region?region={Escape(r)}")],
                [.. regions.Select(r => Values(("region", r)))]),
            new("offer: specialty + age + postal code, include tail", "offer", true, professional,
                [.. offers.Select(o => $"/fhir/HealthcareService?specialty={Escape(o.SpecialtySystem + "|" + o.SpecialtyCode)}&age-range-low=le{o.Age}&age-range-high=ge{o.Age}" +
                                       $"&location.address-postalcode={Escape(o.PostalCode)}&_include=HealthcareService:organization&_include:iterate=Organization:partof&_include=HealthcareService:location")],
                [.. offers.Select(o => $"/floor/offer?system={Escape(o.SpecialtySystem)}&code={Escape(o.SpecialtyCode)}&age={o.Age}&postalcode={Escape(o.PostalCode)}")],
                [.. offers.Select(o => Values(("system", o.SpecialtySystem), ("code", o.SpecialtyCode), ("age", o.Age!.Value.ToString(CultureInfo.InvariantCulture)), ("postalcode", o.PostalCode)))]),
            new("organization:above", "above", false, professional,
                [.. trees.Select(f => $"/fhir/HealthcareService?organization:above.identifier={Escape(f)}")],
                [.. trees.Select(f => $"/floor/above?finess={Escape(f)}")],
                [.. trees.Select(f => Values(("finess", f)))]),
            new("location.capacity-status=02&location.nb-capacity=gt0", "capacity-available", false, crisis,
                ["/fhir/HealthcareService?location.capacity-status=02&location.nb-capacity=gt0"],
                ["/floor/capacity-available"],
                [Values()]),
        };
        kinds.Add(await DeltaPages.BuildAsync(context, professional));
        return kinds;
    }

    public static IReadOnlyDictionary<string, string> Values(params (string Name, string Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    public static string Escape(string value) => Uri.EscapeDataString(value);
}
