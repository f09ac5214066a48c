using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RorNational.IntegrationTests.Access;

/// <summary>
/// The matrix on a lieu's equipment and residential capacity, planted in the samples, by the
/// national policy: equipment for P1, P2, P4, P5, and P3 in the medico-social field only (the
/// hospital's MRI is outside it, so not for P3), never P0; residential capacity is capacity:
/// not for P0, for P3 in the medico-social field (the EHPAD's residence is in it). Through every
/// way a Location is served, and every way a search could match what the profile may not see.
/// The lieu's own telecoms are contacts with their confidentiality level, as the UO's are.
/// </summary>
public partial class access_profile_matrix
{
    private sealed record LieuDatum(string Lieu, string Offer, string Marker, string? Search, string? Filter, string[] EntitledProfiles, string What);

    private static readonly LieuDatum[] LieuData =
    [
        new("010000024-lieu-consultations", "010000024-uo-consultations-gynecologie", "\"code\":\"221\"",
            "equipment-type=221&equipment-feature=001&limit-value=ge200|http://unitsofmeasure.org|kg", "equipment-type eq 221 and limit-value ge 200",
            ["crisis", "professional", "no-contacts", "installed-capacity"], "the MRI of a lieu outside the medico-social field"),
        new("350002812-lieu-residence", "350002812-uo-hebergement-permanent", "\"valueInteger\":74",
            "residential-type=02&residential-number=74", "residential-type eq 02 and residential-number eq 74",
            ["crisis", "professional", "medico-social", "no-contacts", "installed-capacity"], "the residential capacity of a medico-social lieu"),
        new("010000024-lieu-consultations", "010000024-uo-consultations-gynecologie", "0474450123", null, null,
            ["crisis", "professional", "installed-capacity"], "a level-1 telecom of a hospital's lieu (a contact: not for P4; not ambulatory: not for P0, P3)"),
    ];

    private static readonly string[] LieuOperations = ["read", "search", "include", "search on it", "chained search on it", "_filter on it"];

    private static IEnumerable<TestCaseData> LieuMatrix() =>
        from profile in AllProfiles
        from operation in LieuOperations
        select new TestCaseData(profile, operation).SetName($"{{m}}({profile}, {operation})");

    [TestCaseSource(nameof(LieuMatrix))]
    public async Task a_profile_is_served_and_matched_exactly_the_equipment_and_residential_capacity_it_is_entitled_to(string profile, string operation)
    {
        var client = ConsumerWith(profile);
        foreach (var datum in LieuData)
        {
            var (lieu, offer) = (Unit(datum.Lieu), Unit(datum.Offer));
            var entitled = datum.EntitledProfiles.Contains(profile);
            if (datum.Search is null && operation.EndsWith("on it", StringComparison.Ordinal)) continue;
            var chained = string.Join("&", (datum.Search ?? "").Split('&').Select(c => "location." + c));
            var path = operation switch
            {
                "read" => $"/fhir/Location/{lieu}",
                "search" => $"/fhir/Location?_id={lieu}",
                "include" => $"/fhir/HealthcareService?_id={offer}&_include=HealthcareService:location",
                "search on it" => $"/fhir/Location?_id={lieu}&{datum.Search}",
                "chained search on it" => $"/fhir/HealthcareService?_id={offer}&{chained}",
                _ => $"/fhir/Location?_id={lieu}&_filter=" + Uri.EscapeDataString(datum.Filter!),
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

    [Test]
    public async Task hidden_equipment_is_not_missing_either()
    {
        foreach (var profile in AllProfiles)
        {
            var lieu = Unit("010000024-lieu-consultations");
            var body = await ConsumerWith(profile).GetFromJsonAsync<JsonObject>($"/fhir/Location?_id={lieu}&equipment-type:missing=true");
            Assert.That(body!["total"]!.GetValue<int>(), Is.Zero, $"{profile}: the lieu has equipment, seen or not");
        }
    }
}
