using RorNational.IntegrationTests.Search;

namespace RorNational.IntegrationTests.Access;

/// <summary>
/// Every configured profile, through every way a resource is served (read, vread, history,
/// search match, revinclude, _elements, _summary), on offers holding data at each level,
/// sensitive or not: a datum appears in a body exactly when the profile is entitled to it.
/// The entitlements are written here from the national access policy, not derived from the
/// server's own rules.
/// </summary>
public partial class access_profile_matrix : SearchFixture
{
    private const string MedicoSocialUO = "2A0000261-uo-accueil-de-jour";
    private const string Gynecology = "010000024-uo-chirurgie-gynecologique-hc";
    private const string Sensitive = "690000013-uo-soins-intensifs";
    private const string Pavilion = "690000013-lieu-pavillon-n";

    /// <summary>A datum planted in the samples, the offer and lieu holding it (their editors' ids), and the profiles entitled to see it.</summary>
    private sealed record Datum(string Value, string Offer, string Lieu, string[] EntitledProfiles, string What);

    private static readonly string[] AllProfiles = ["public", "crisis", "professional", "medico-social", "no-contacts", "installed-capacity"];

    private static readonly Datum[] Data =
    [
        new("0474454000", Gynecology, "010000024-lieu-femme-enfant-2", ["public", "crisis", "professional", "medico-social", "installed-capacity"], "a level-1 telecom"),
        new("0474454099", Gynecology, "010000024-lieu-femme-enfant-2", ["crisis", "professional", "installed-capacity"], "a level-2 telecom outside medico-social"),
        new("0612345678", Gynecology, "010000024-lieu-femme-enfant-2", ["crisis"], "a level-3 telecom"),
        new("Cadre de santé de garde", Gynecology, "010000024-lieu-femme-enfant-2", ["crisis"], "a level-3 contact's name"),
        new("0495123456", MedicoSocialUO, "2A0000261-lieu-accueil-de-jour", ["crisis", "professional", "medico-social", "installed-capacity"], "a level-2 telecom in the medico-social field"),
        new("Unité de soins intensifs psychiatriques", Sensitive, Pavilion, ["crisis", "no-contacts"], "the name of a sensitive unit"),
    ];

    private static readonly string[] Operations = ["read", "vread", "history", "search", "revinclude", "_elements", "_summary=data"];

    private static IEnumerable<TestCaseData> Matrix() =>
        from profile in AllProfiles
        from operation in Operations
        select new TestCaseData(profile, operation).SetName($"{{m}}({profile}, {operation})");

    [TestCaseSource(nameof(Matrix))]
    public async Task a_profile_is_served_exactly_the_data_it_is_entitled_to(string profile, string operation)
    {
        var client = ConsumerWith(profile);
        foreach (var datum in Data)
        {
            var body = await Served(client, operation, datum);
            var entitled = datum.EntitledProfiles.Contains(profile);
            Assert.That(body.Contains(datum.Value, StringComparison.Ordinal), Is.EqualTo(entitled),
                $"{profile} {(entitled ? "must" : "must not")} see {datum.What} through {operation}");
            if (!entitled && operation is "read" or "search")
                Assert.That(body, Does.Contain("REDACTED"), $"a filtered {datum.Offer} says so");
        }
    }

    /// <summary>A client registered with this profile (test/RorNational.IntegrationTests/clients.json).</summary>
    private HttpClient ConsumerWith(string profile) => _consumers.TryGetValue(profile, out var client)
        ? client
        : _consumers[profile] = App.ClientFor("test-consumer-" + profile);

    private readonly Dictionary<string, HttpClient> _consumers = [];

    private async Task<string> Served(HttpClient client, string operation, Datum datum)
    {
        var (offer, lieu) = (Unit(datum.Offer), Unit(datum.Lieu));
        var path = operation switch
        {
            "read" => $"/fhir/HealthcareService/{offer}",
            "vread" => $"/fhir/HealthcareService/{offer}/_history/{await CurrentVersion(client, offer)}",
            "history" => $"/fhir/HealthcareService/{offer}/_history",
            "search" => $"/fhir/HealthcareService?_id={offer}",
            "revinclude" => $"/fhir/Location?_id={lieu}&_revinclude=HealthcareService:location",
            "_elements" => $"/fhir/HealthcareService?_id={offer}&_elements=name,extension",
            _ => $"/fhir/HealthcareService?_id={offer}&_summary=data",
        };
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), $"{path}: {body}");
        return body;
    }

    private static async Task<string> CurrentVersion(HttpClient client, string offer)
    {
        var response = await client.GetAsync($"/fhir/HealthcareService/{offer}");
        return response.Headers.ETag!.Tag.Trim('"');
    }

    [Test]
    public async Task every_profile_gets_the_same_version_and_etag_of_a_resource()
    {
        var tags = new HashSet<string>();
        foreach (var profile in AllProfiles)
        {
            var response = await ConsumerWith(profile).GetAsync($"/fhir/HealthcareService/{SensitiveUO}");
            tags.Add(response.Headers.ETag!.ToString());
        }
        Assert.That(tags, Has.Count.EqualTo(1));
    }

    [TestCase("HealthcareService?name=Unit%C3%A9%20de%20soins%20intensifs")]
    [TestCase("HealthcareService?_content=intensifs")]
    [TestCase("HealthcareService?psychiatric-sector=69G01&_id=690000013-uo-soins-intensifs")]
    [TestCase("HealthcareService?location.name=Pavillon&name=Unit%C3%A9%20de%20soins")]
    [TestCase("HealthcareService?_filter=name%20co%20%22intensifs%22")]
    public async Task a_search_on_data_a_profile_cannot_see_matches_nothing_and_counts_nothing(string query)
    {
        foreach (var profile in AllProfiles)
        {
            var entitled = profile is "crisis" or "no-contacts";
            var response = await ConsumerWith(profile).GetAsync("/fhir/" + WithUnitIds(query) + "&_count=5");
            var body = await response.Content.ReadAsStringAsync();
            Assert.That((int)response.StatusCode, Is.EqualTo(200), body);
            Assert.That(body, Does.Contain(entitled ? "\"total\":1" : "\"total\":0"), $"{profile}: {body}");
        }
    }

    [Test]
    public async Task a_sensitive_unit_stays_findable_by_its_id_for_every_profile()
    {
        foreach (var profile in AllProfiles)
        {
            var body = await (await ConsumerWith(profile).GetAsync($"/fhir/HealthcareService?_id={SensitiveUO}")).Content.ReadAsStringAsync();
            Assert.That(body, Does.Contain("\"total\":1"), profile);
        }
    }

    [TestCase("public", false)]
    [TestCase("professional", true)]
    [TestCase("crisis", true)]
    public async Task the_capability_statement_offers_only_what_the_profile_may_search(string profile, bool capacity)
    {
        var body = await (await ConsumerWith(profile).GetAsync("/fhir/metadata")).Content.ReadAsStringAsync();
        Assert.That(body.Contains("\"name\":\"capacity-status\""), Is.EqualTo(capacity), profile);
        Assert.That(body.Contains("\"name\":\"crisis-type\""), Is.EqualTo(profile == "crisis"), profile);
        Assert.That(body, Does.Contain("\"name\":\"psychiatric-sector\""));
    }
}
