using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static RorNational.IntegrationTests.Capacity.Publishing.CapacityAppends;

namespace RorNational.IntegrationTests.Access;

/// <summary>
/// The matrix on capacity, by the national policy: P1 (crisis) and P4 (no-contacts) see every
/// indicator; P2 (professional) all but supplementary (06); P5 (installed-capacity) installed
/// (01) only; P0 (public) none; P3 (medico-social) the medico-social field's only, without
/// supplementary: the gynecology lieu is outside that field, so P3 sees none of its capacity;
/// the day-care lieu serves a medico-social offer only, so P3 sees its places (and P0 still none).
/// Through every way a Location is served, and every way a search could match a hidden indicator.
/// </summary>
public partial class access_profile_matrix
{
    private const string CapacityLieu = "010000024-lieu-femme-enfant-2";

    private sealed record CapacityDatum(string Status, int Count, string[] EntitledProfiles, string What);

    private static readonly CapacityDatum[] CapacityData =
    [
        new("01", 41, ["crisis", "professional", "no-contacts", "installed-capacity"], "installed capacity"),
        new("02", 42, ["crisis", "professional", "no-contacts"], "available (operational) capacity"),
        new("06", 43, ["crisis", "no-contacts"], "supplementary capacity"),
    ];

    private static readonly string[] CapacityOperations =
        ["read", "vread", "history", "search", "include", "capacity search", "chained capacity search", "_filter"];

    private static IEnumerable<TestCaseData> CapacityMatrix() =>
        from profile in AllProfiles
        from operation in CapacityOperations
        select new TestCaseData(profile, operation).SetName($"{{m}}({profile}, {operation})");

    private const string MedicoSocialLieu = "2A0000261-lieu-accueil-de-jour";

    private static readonly CapacityDatum[] MedicoSocialPlaces =
    [
        new("01", 31, ["crisis", "professional", "medico-social", "no-contacts", "installed-capacity"], "installed places of a medico-social lieu"),
        new("02", 32, ["crisis", "professional", "medico-social", "no-contacts"], "available places of a medico-social lieu"),
    ];

    [OneTimeSetUp]
    public async Task AppendCapacityToTheGynecologyAndDayCareLieux()
    {
        await App.Store.AppendCapacity("010000024", "lieu-femme-enfant-2",
            Added(Indicator("01", 41)), Added(Indicator("02", 42)), Added(Indicator("06", 43, bed: "01", crisis: "02")));
        await App.Store.AppendCapacity("2A0000261", "lieu-accueil-de-jour",
            Added(Indicator("01", 31, type: "02")), Added(Indicator("02", 32, type: "02")));
    }

    [TestCaseSource(nameof(AllProfiles))]
    public async Task a_lieu_of_medico_social_offers_only_shows_its_places_to_the_medico_social_profile(string profile)
    {
        var client = ConsumerWith(profile);
        var lieu = Unit(MedicoSocialLieu);
        foreach (var datum in MedicoSocialPlaces)
        {
            var entitled = datum.EntitledProfiles.Contains(profile);
            var read = await client.GetStringAsync($"/fhir/Location/{lieu}");
            Assert.That(read.Contains($"\"valueInteger\":{datum.Count}", StringComparison.Ordinal), Is.EqualTo(entitled),
                $"{profile} {(entitled ? "must" : "must not")} see the {datum.What}");
            foreach (var search in new[]
                     {
                         $"/fhir/Location?_id={lieu}&capacity-status={datum.Status}&nb-capacity={datum.Count}",
                         $"/fhir/HealthcareService?_id={Unit(MedicoSocialUO)}&location.capacity-status={datum.Status}&location.nb-capacity={datum.Count}",
                     })
                Assert.That((await client.GetFromJsonAsync<JsonObject>(search))!["total"]!.GetValue<int>(), Is.EqualTo(entitled ? 1 : 0),
                    $"{profile} {(entitled ? "must" : "must not")} match the {datum.What}: {search}");
        }
    }

    [TestCaseSource(nameof(CapacityMatrix))]
    public async Task a_profile_is_served_and_matched_exactly_the_capacity_it_is_entitled_to(string profile, string operation)
    {
        var client = ConsumerWith(profile);
        var (lieu, offer) = (Unit(CapacityLieu), Unit(Gynecology));
        foreach (var datum in CapacityData)
        {
            var entitled = datum.EntitledProfiles.Contains(profile);
            var path = operation switch
            {
                "read" => $"/fhir/Location/{lieu}",
                "vread" => $"/fhir/Location/{lieu}/_history/{(await client.GetAsync($"/fhir/Location/{lieu}")).Headers.ETag!.Tag.Trim('"')}",
                "history" => $"/fhir/Location/{lieu}/_history",
                "search" => $"/fhir/Location?_id={lieu}",
                "include" => $"/fhir/HealthcareService?_id={offer}&_include=HealthcareService:location",
                "capacity search" => $"/fhir/Location?_id={lieu}&capacity-status={datum.Status}&nb-capacity={datum.Count}",
                "chained capacity search" => $"/fhir/HealthcareService?_id={offer}&location.capacity-status={datum.Status}&location.nb-capacity={datum.Count}",
                _ => $"/fhir/Location?_id={lieu}&_filter=" + Uri.EscapeDataString($"capacity-status eq {datum.Status} and nb-capacity eq {datum.Count}"),
            };
            var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.That((int)response.StatusCode, Is.EqualTo(200), $"{path}: {body}");
            if (operation.Contains("search", StringComparison.Ordinal) && operation != "search" || operation == "_filter")
                Assert.That(JsonNode.Parse(body)!["total"]!.GetValue<int>(), Is.EqualTo(entitled ? 1 : 0),
                    $"{profile} {(entitled ? "must" : "must not")} match on {datum.What} through {operation}");
            else
                Assert.That(body.Contains($"\"valueInteger\":{datum.Count}", StringComparison.Ordinal), Is.EqualTo(entitled),
                    $"{profile} {(entitled ? "must" : "must not")} see {datum.What} through {operation}");
        }
    }

    [Test]
    public async Task a_hidden_indicator_is_not_missing_either()
    {
        foreach (var profile in AllProfiles)
        {
            var lieu = Unit(CapacityLieu);
            var body = await ConsumerWith(profile).GetFromJsonAsync<JsonObject>($"/fhir/Location?_id={lieu}&capacity-status:missing=true");
            Assert.That(body!["total"]!.GetValue<int>(), Is.Zero, $"{profile}: the lieu has capacity, seen or not");
            var chained = await ConsumerWith(profile).GetFromJsonAsync<JsonObject>(
                $"/fhir/HealthcareService?_id={Unit(Gynecology)}&location.capacity-status:missing=true");
            Assert.That(chained!["total"]!.GetValue<int>(), Is.Zero, profile);
        }
    }

    [Test]
    public async Task a_location_with_hidden_capacity_says_it_was_redacted()
    {
        foreach (var profile in AllProfiles.Where(p => p is not ("crisis" or "no-contacts")))
        {
            var body = await ConsumerWith(profile).GetStringAsync($"/fhir/Location/{Unit(CapacityLieu)}");
            Assert.That(body, Does.Contain("REDACTED"), profile);
        }
    }
}
