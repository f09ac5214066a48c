using System.Text.Json.Nodes;
using RorNational.Fhir.Search.Indexing.Capacity;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Capacity.Searching;

/// <summary>What the tests of fhir_search_service_capacity read of it, and the second lieu they move a UO to.</summary>
public static class ServiceCapacityTable
{
    /// <summary>The table's rows as text (<paramref name="where"/> on them), sorted.</summary>
    public static async Task<List<string>> Rows(string connectionString, string schema, string where = "") => Sorted(await Sql.Rows(connectionString,
        $"select row(id, location_id, {CapacityIndexWriter.IndicatorColumns}, requires, reference_requires)::text " +
        $"from {schema}.fhir_search_service_capacity {where}", r => r.GetString(0)));

    /// <summary>The rows the reference and capacity tables derive, in the same form, sorted.</summary>
    public static async Task<List<string>> Derived(string connectionString, string schema) => Sorted(await Sql.Rows(connectionString,
        $"select row(x.id, c.id, {string.Join(", ", CapacityIndexWriter.IndicatorColumns.Split(", ").Select(column => "c." + column))}, c.requires, x.requires)::text " +
        $"from {schema}.fhir_search_reference x join {schema}.fhir_search_capacity c on c.resource_type = 'Location' and c.id = x.target_id " +
        "where x.resource_type = 'HealthcareService' and x.param = 'location' and x.target_type = 'Location'", r => r.GetString(0)));

    /// <summary>The kept counts (ServiceCapacityCounts) as their sums, and the sums the table's rows make now: equal, whatever wrote the rows.</summary>
    public static async Task<(List<string> Kept, List<string> OfRows)> Counts(string connectionString, string schema) =>
        (await Sql.Rows(connectionString, KeptCounts(schema), r => r.GetString(0)),
         await Sql.Rows(connectionString, CountsAsSums(ServiceCapacityCounts.CountsOf(schema)), r => r.GetString(0)));

    /// <summary>The kept counts as their sums, one line per status and signature, whatever rows hold them: what a rebuild and the live writes must agree on.</summary>
    public static string KeptCounts(string schema) => CountsAsSums($"select * from {schema}.{ServiceCapacityCounts.Table}");

    private static string CountsAsSums(string counts) => KeptCountSums.Of(counts, "status, signature", "services");

    /// <summary>The UO of the hospital in one lieu or two, sensitive or not.</summary>
    public static JsonObject OfferIn(string lieu, string? other = null, bool sensitive = false)
    {
        var uo = UO();
        uo["uo"]!["lieuIds"] = other is null ? new JsonArray(lieu) : new JsonArray(lieu, other);
        uo["uo"]!["content"]!["sensitiveUnit"] = sensitive;
        return uo;
    }

    /// <summary>A second lieu of the hospital, fed under its own synchronisation id.</summary>
    public static JsonObject LieuB()
    {
        var lieu = Lieu();
        lieu["name"] = "Bâtiment B";
        lieu["lieu"]!["idExterneSynchro"] = "CARDIO-B";
        return lieu;
    }

    private static List<string> Sorted(List<string> rows) => [.. rows.Order(StringComparer.Ordinal)];
}
