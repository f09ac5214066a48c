using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Access;

/// <summary>
/// The guide hides the Location content of sensitive units: a lieu that serves sensitive units
/// only shows its id and metadata to the profiles that hide sensitive units, no search matches
/// its data, and it stays hidden in its older versions and after its unit is removed.
/// </summary>
public sealed class hiding_sensitive_lieux : ApiFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Access:AnonymousProfile"] = "public" };

    private const string LieuName = "Bâtiment A, 3e étage";
    private static readonly string[] Hiding = ["anonymous", "public", "professional", "medico-social", "installed-capacity"];
    private static readonly string[] Entitled = ["crisis", "no-contacts"];

    private HttpClient Caller(string profile) =>
        profile == "anonymous" ? App.AnonymousClient() : App.ClientFor("test-consumer-" + profile);

    private static JsonObject SensitiveContent()
    {
        var content = Content(18);
        content["sensitiveUnit"] = true;
        return content;
    }

    private Task FlagCardiologySensitive() =>
        Client.PutAsJsonAsync($"/api/establishments/{EG}/uo/uo-cardio-hc/content", SensitiveContent()).EnsureOk();

    private async Task<string> PublishHospitalWithSensitiveCardiology()
    {
        await Client.PublishHospital();
        await FlagCardiologySensitive();
        return await Client.FhirIdOfUnit("Location", "010000024-lieu-batiment-a");
    }

    [Test]
    public async Task a_lieu_of_sensitive_units_only_shows_its_id_and_metadata_to_the_profiles_hiding_them()
    {
        var lieu = await PublishHospitalWithSensitiveCardiology();

        foreach (var profile in Hiding)
        {
            var served = JsonNode.Parse(await Caller(profile).GetStringAsync($"/fhir/Location/{lieu}"))!.AsObject();
            Assert.That(served.Select(p => p.Key), Is.EquivalentTo(new[] { "resourceType", "id", "meta" }), profile);
            Assert.That(served.ToJsonString(), Does.Contain("REDACTED"), profile);
        }
        foreach (var profile in Entitled)
            Assert.That(await Caller(profile).GetStringAsync($"/fhir/Location/{lieu}"), Does.Contain("BOURG EN BRESSE").And.Contain("46.2135"), profile);
    }

    [TestCase("Location?name=B%C3%A2timent%20A")]
    [TestCase("Location?address-city=BOURG")]
    [TestCase("Location?near=46.2135|5.2418|1|km")]
    [TestCase("Location?_content=batiment")]
    [TestCase("Location?identifier=urn:ror-national:unit-id|010000024-lieu-batiment-a")]
    [TestCase("Location?identifier=1010000024/CARDIO-HC")]
    [TestCase("Location?name:missing=true")]
    [TestCase("Location?_filter=not%20(name%20eq%20%22x%22)")]
    public async Task no_search_matches_the_hidden_content_of_a_lieu_of_sensitive_units(string query)
    {
        await PublishHospitalWithSensitiveCardiology();
        foreach (var profile in Hiding)
            Assert.That(await Caller(profile).GetStringAsync("/fhir/" + query), Does.Contain("\"total\":0"), profile);
        if (query.Contains("missing")) return;
        foreach (var profile in Entitled)
            Assert.That(await Caller(profile).GetStringAsync("/fhir/" + query), Does.Contain("\"total\":1"), profile);
    }

    [Test]
    public async Task a_lieu_published_before_its_unit_was_flagged_sensitive_is_hidden_in_its_older_versions()
    {
        var lieu = await PublishHospitalWithSensitiveCardiology();

        var version1 = await Caller("public").GetStringAsync($"/fhir/Location/{lieu}/_history/1");
        var history = await Caller("public").GetStringAsync($"/fhir/Location/{lieu}/_history");
        Assert.That(version1 + history, Does.Not.Contain(LieuName).And.Not.Contain("BOURG EN BRESSE"));
    }

    [Test]
    public async Task a_lieu_stays_hidden_when_its_sensitive_unit_is_removed()
    {
        var lieu = await PublishHospitalWithSensitiveCardiology();
        await Client.RemoveThroughDossier("uo-cardio-hc");

        Assert.That(await Caller("public").GetStringAsync($"/fhir/Location/{lieu}"), Does.Not.Contain(LieuName));
    }

    [Test]
    public async Task a_lieu_that_also_serves_a_unit_that_is_not_sensitive_stays_public()
    {
        await Client.PublishHospital();
        await FlagCardiologySensitive();
        var other = UO("Cardiologie - consultations");
        await Client.Accept(await Client.SubmitDossier(("uo-cardio-consult", other))).EnsureOk();

        var lieu = await Client.FhirIdOfUnit("Location", "010000024-lieu-batiment-a");
        Assert.That(await Caller("public").GetStringAsync($"/fhir/Location/{lieu}"), Does.Contain(LieuName));
    }
}
