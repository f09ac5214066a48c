using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Search;
using static RorNational.IntegrationTests.Capacity.Publishing.CapacityAppends;

namespace RorNational.IntegrationTests.Capacity.Searching;

/// <summary>
/// The search samples with capacity on three lieux (appended to their capacity streams):
/// the gynaecology lieu of the CH de Fleyriat has no available bed for women but four for men
/// and 20 installed; its consultation lieu two supplementary beds of a crisis; the EHPAD's
/// residence 80 installed places and 3 available in 24 h. The day-care lieu has none.
/// </summary>
public abstract class CapacityFixture : SearchFixture
{
    public static readonly DateTimeOffset ResidenceUpdated = new(2026, 3, 1, 18, 0, 0, TimeSpan.Zero);

    protected string Gynecology => Unit("010000024-lieu-femme-enfant-2");
    protected string Consultations => Unit("010000024-lieu-consultations");
    protected string Residence => Unit("350002812-lieu-residence");
    protected string DayCare => Unit("2A0000261-lieu-accueil-de-jour");

    /// <summary>The lieux of this fixture, so that capacity other fixtures' samples may bring does not count.</summary>
    protected string Lieux => $"_id={Gynecology},{Consultations},{Residence},{DayCare}";

    [OneTimeSetUp]
    public async Task AppendCapacity()
    {
        await App.Store.AppendCapacity("010000024", "lieu-femme-enfant-2",
            Added(Indicator("02", 0, gender: "01")), Added(Indicator("02", 4, gender: "02")), Added(Indicator("01", 20)));
        await App.Store.AppendCapacity("010000024", "lieu-consultations", Added(Indicator("06", 2, bed: "03", crisis: "02")));
        await App.Store.AppendCapacity("350002812", "lieu-residence",
            Added(Indicator("01", 80, type: "02", sourceDate: ResidenceUpdated)),
            Added(Indicator("02", 3, temporality: "03", type: "02", sourceDate: ResidenceUpdated)));
    }

    /// <summary>The ids a search matches (through the client given, or the fixture's P1 client), sorted.</summary>
    protected async Task<string[]> Matches(string query, HttpClient? client = null)
    {
        var response = await (client ?? Client).GetAsync("/fhir/" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), $"{query}: {body}");
        var bundle = JsonNode.Parse(body)!.AsObject();
        return (bundle["entry"] as JsonArray ?? []).Where(e => e!["search"]?["mode"]?.GetValue<string>() == "match")
            .Select(e => e!["resource"]!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray();
    }

    protected static string[] Ids(params string[] ids) => ids.Order(StringComparer.Ordinal).ToArray();

    protected static string Status(string code) => "https://mos.esante.gouv.fr/NOS/TRE_R330-TypeStatutCapacite/FHIR/TRE-R330-TypeStatutCapacite|" + code;
}
