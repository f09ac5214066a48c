using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RorNational.IntegrationTests.Access;

/// <summary>
/// The matrix on an establishment's own fields, planted in the samples, by the national policy:
/// the ORSAN level and the helicopter drop zone (the CH de Fleyriat's) for P1 only; prices (the
/// EHPAD's) for every profile, P0 included. Through every way an Organization is served (read,
/// search, included from its offers) and every way a search could match what the profile may
/// not see: a profile that may not see the drop zone can never learn which EG has one.
/// </summary>
public partial class access_profile_matrix
{
    private sealed record EstablishmentDatum(
        string EG, string Offer, string Marker, string Search, string Chained, string Filter, string[] EntitledProfiles, string What);

    private static readonly EstablishmentDatum[] EstablishmentData =
    [
        new("eg-010000024", Gynecology, "/ror-organization-drop-zone\"", "drop-zone=true", "organization:above.drop-zone=true", "drop-zone eq true",
            ["crisis"], "the helicopter drop zone"),
        new("eg-010000024", Gynecology, "/ror-organization-level-recours-orsan\"", "drop-zone=true", "organization:above.drop-zone=true", "drop-zone eq true",
            ["crisis"], "the ORSAN level"),
        new("eg-350002812", "350002812-uo-hebergement-permanent", "/ror-organization-price\"",
            "price-type=02&price-amount-value=lt65", "organization.price-type=02&organization.price-amount-value=lt65",
            "price-type eq 02 and price-amount-value lt 65", AllProfiles, "the prices"),
    ];

    private static IEnumerable<TestCaseData> EstablishmentMatrix() =>
        from profile in AllProfiles
        from operation in LieuOperations
        select new TestCaseData(profile, operation).SetName($"{{m}}({profile}, {operation})");

    [TestCaseSource(nameof(EstablishmentMatrix))]
    public async Task a_profile_is_served_and_matched_exactly_the_establishment_s_own_fields_it_is_entitled_to(string profile, string operation)
    {
        var client = ConsumerWith(profile);
        foreach (var datum in EstablishmentData)
        {
            var offer = Unit(datum.Offer);
            var entitled = datum.EntitledProfiles.Contains(profile);
            var path = operation switch
            {
                "read" => $"/fhir/Organization/{datum.EG}",
                "search" => $"/fhir/Organization?_id={datum.EG}",
                "include" => $"/fhir/HealthcareService?_id={offer}&_include=HealthcareService:organization&_include:iterate=Organization:partof",
                "search on it" => $"/fhir/Organization?_id={datum.EG}&{datum.Search}",
                "chained search on it" => $"/fhir/HealthcareService?_id={offer}&{datum.Chained}",
                _ => $"/fhir/Organization?_id={datum.EG}&_filter=" + Uri.EscapeDataString(datum.Filter),
            };
            var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.That((int)response.StatusCode, Is.EqualTo(200), $"{path}: {body}");
            if (operation.EndsWith("on it", StringComparison.Ordinal))
                Assert.That(JsonNode.Parse(body)!["total"]!.GetValue<int>(), Is.EqualTo(entitled ? 1 : 0),
                    $"{profile} {(entitled ? "must" : "must not")} match on {datum.What} through {operation}");
            else
                Assert.That(body.Contains(datum.Marker, StringComparison.Ordinal), Is.EqualTo(entitled),
                    $"{profile} {(entitled ? "must" : "must not")} see {datum.What} through {operation}");
        }
    }

    [TestCase("drop-zone=true", true)]
    [TestCase("drop-zone=false", false)]
    [TestCase("drop-zone:missing=true", true)]
    [TestCase("drop-zone:missing=false", true)]
    [TestCase("_filter=not%20(drop-zone%20eq%20true)", true)]
    [TestCase("_filter=drop-zone%20eq%20true%20or%20_id%20eq%20nothing", true)]
    public async Task a_search_on_the_drop_zone_answers_alike_for_an_eg_with_one_and_an_eg_without_unless_the_profile_is_p1(
        string criteria, bool p1TellsThemApart)
    {
        foreach (var profile in AllProfiles)
        {
            var client = ConsumerWith(profile);
            async Task<int> Total(string eg) =>
                (await client.GetFromJsonAsync<JsonObject>($"/fhir/Organization?_id={eg}&{criteria}"))!["total"]!.GetValue<int>();
            var (withDropZone, without) = (await Total("eg-010000024"), await Total("eg-350002812"));
            if (profile == "crisis")
                Assert.That(withDropZone != without, Is.EqualTo(p1TellsThemApart), $"{profile}: {criteria}");
            else
                Assert.That(withDropZone, Is.EqualTo(without), $"{profile}: {criteria} must not tell which EG has a drop zone");
        }
    }

    [Test]
    public async Task a_sort_on_price_validity_is_the_same_for_every_profile()
    {
        var orders = new HashSet<string>();
        foreach (var profile in AllProfiles)
        {
            var bundle = await ConsumerWith(profile).GetFromJsonAsync<JsonObject>("/fhir/Organization?price-type:missing=false&_sort=-price-validity-start-date");
            orders.Add(string.Join(",", bundle!["entry"]!.AsArray().Select(e => e!["resource"]!["id"]!.GetValue<string>())));
        }
        Assert.That(orders, Has.Count.EqualTo(1), "prices are public: every profile sorts on the same ones");
    }
}
