using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Establishments;

/// <summary>
/// Content that finalizing refuses is refused on every path: a direct edit, a draft, a PATCH.
/// Each refusal is a 400 naming the field, and the EG's stream is left as it was.
/// </summary>
public sealed class refusing_bad_content : ApiFixture
{
    private const string ContentRoute = $"/api/establishments/{EG}/uo/uo-cardio-hc/content";

    [SetUp]
    public Task GivenAPublishedHospital() => Client.PublishHospital();

    private static IEnumerable<TestCaseData> BadContent()
    {
        TestCaseData Case(string name, string field, Action<JsonObject> spoil)
        {
            var content = Content(18);
            spoil(content);
            return new TestCaseData(content.ToJsonString(), field).SetName(name);
        }
        yield return Case("a negative age", "ageRange", c => c["ageRange"] = new JsonObject { ["low"] = -5, ["high"] = 120 });
        yield return Case("an inverted age range", "ageRange", c => c["ageRange"] = new JsonObject { ["low"] = 60, ["high"] = 18 });
        yield return Case("effectiveFrom after effectiveTo", "openingHours[0].effectiveTo",
            c => c["openingHours"] = new JsonArray(new JsonObject { ["day"] = 1, ["type"] = "01", ["effectiveFrom"] = "2026-06-01", ["effectiveTo"] = "2026-01-01" }));
        yield return Case("a 100 KB telecom value", "contacts[0].telecoms[0].value",
            c => c["contacts"]![0]!["telecoms"]![0]!["value"] = new string('0', 100_000));
        yield return Case("a null opening hours item", "openingHours[0]", c => c["openingHours"] = new JsonArray((JsonNode?)null));
        yield return Case("a null list of contacts", "contacts", c => c["contacts"] = null);
        yield return Case("a null telecom", "contacts[0].telecoms[1]", c => c["contacts"]![0]!["telecoms"]![1] = null);
        yield return Case("a code that is no code", "publicPrisEnCharge[0]", c => c["publicPrisEnCharge"] = new JsonArray("<script>"));
        yield return Case("an unknown confidentiality", "contacts[0].confidentiality", c => c["contacts"]![0]!["confidentiality"] = 7);
        yield return Case("a closing date in year 9999", "closing.closedFrom",
            c => c["closing"] = new JsonObject { ["closedFrom"] = "9999-12-31" });
        yield return Case("a misspelt sensitiveUnit", "sensitveUnit", c => c["sensitveUnit"] = true);
        yield return Case("a misspelt member deep down", "contacts[0].telecoms[0].confidentialty",
            c => c["contacts"]![0]!["telecoms"]![0]!["confidentialty"] = 3);
    }

    [TestCaseSource(nameof(BadContent))]
    public async Task a_direct_edit_out_of_bounds_is_refused_naming_the_field_and_nothing_is_stored(string content, string field)
    {
        var before = await App.StreamVersion(EG);

        var response = await Client.PutAsync(ContentRoute, Refusals.RawJson(content));

        await response.AssertRefused(HttpStatusCode.BadRequest, field);
        Assert.That(await App.StreamVersion(EG), Is.EqualTo(before));
    }

    [Test]
    public async Task a_closing_date_far_ahead_never_answers_500()
    {
        var content = Content(18);
        content["closing"] = new JsonObject { ["closedFrom"] = "2199-12-30", ["reopeningOn"] = "2199-12-31" };

        var response = await Client.PutAsync(ContentRoute, Refusals.RawJson(content.ToJsonString()));

        Assert.That((int)response.StatusCode, Is.InRange(200, 499), await response.Content.ReadAsStringAsync());
    }

    [TestCase("""{ "operationalName": 5 }""")]
    [TestCase("""{ "operationalName": true }""")]
    [TestCase("""{ "operationalName": {"a": 1} }""")]
    [TestCase("""{ "operationalName": "" }""")]
    [TestCase("""{ "operationalName": "  " }""")]
    public async Task a_patch_of_the_operational_name_with_no_text_is_refused(string patch)
    {
        var before = await App.StreamVersion(EG);

        var response = await Client.PatchAsync($"/api/establishments/{EG}", Refusals.RawJson(patch));

        await response.AssertRefused(HttpStatusCode.BadRequest, "operationalName");
        Assert.That(await App.StreamVersion(EG), Is.EqualTo(before));
    }

    [TestCase("""{ "type": 99, "name": "X" }""", "type")]
    [TestCase("""{ "type": -1, "name": "X" }""", "type")]
    [TestCase("""{ "type": "99", "name": "X" }""", "type")]
    [TestCase("""{ "type": 2, "name": "X" }""", "type")]
    [TestCase("""{}""", "type")]
    [TestCase("""{ "type": "Pole", "name": "X", "parentID": "cardiologie", "parentId": null }""", "parentId")]
    public async Task a_fiche_of_no_known_type_is_refused(string body, string field)
    {
        var dossier = await Client.OpenDossier();
        var before = await App.StreamVersion(EG);

        var response = await Client.PutAsync($"/api/establishments/{EG}/dossiers/{dossier}/fiches/pole-x", Refusals.RawJson(body));

        await response.AssertRefused(HttpStatusCode.BadRequest, field);
        Assert.That(await App.StreamVersion(EG), Is.EqualTo(before));
    }

    [Test]
    public async Task a_uo_with_null_lieux_is_refused_when_drafted_not_with_a_500_when_finalized()
    {
        var dossier = await Client.OpenDossier();
        var uo = UO();
        uo["uo"]!["lieuIds"] = null;
        var before = await App.StreamVersion(EG);

        var drafted = await Client.DraftFiche(dossier, "uo-cardio-hc", uo);
        var finalized = await Client.Finalize(dossier, "uo-cardio-hc");

        await drafted.AssertRefused(HttpStatusCode.BadRequest, "uo.lieuIds");
        await finalized.AssertRefused(HttpStatusCode.NotFound, null);
        Assert.That(await App.StreamVersion(EG), Is.EqualTo(before));
    }

    [Test]
    public async Task a_draft_out_of_bounds_is_refused_at_once()
    {
        var dossier = await Client.OpenDossier();
        var uo = UO();
        uo["uo"]!["content"]!["ageRange"] = new JsonObject { ["low"] = 60, ["high"] = 18 };

        var response = await Client.DraftFiche(dossier, "uo-cardio-hc", uo);

        await response.AssertRefused(HttpStatusCode.BadRequest, "uo.content.ageRange");
    }

    [Test]
    public async Task a_lieu_in_a_commune_no_region_knows_is_refused()
    {
        var dossier = await Client.OpenDossier();
        var lieu = Lieu();
        lieu["lieu"]!["address"]!["communeCog"] = "99999";

        var response = await Client.DraftFiche(dossier, "lieu-batiment-a", lieu);

        await response.AssertRefused(HttpStatusCode.BadRequest, "lieu.address.communeCog");
    }

    [Test]
    public async Task a_rejection_reason_is_bounded()
    {
        var dossier = await Client.OpenDossier();
        await Client.DraftFiche(dossier, "pole-x", new JsonObject { ["type"] = "Pole", ["name"] = "Pôle X" }).EnsureOk();
        await Client.Finalize(dossier, "pole-x").EnsureOk();
        await Client.Submit(dossier).EnsureOk();

        var response = await Client.Reject(dossier, new string('x', 100_000));

        await response.AssertRefused(HttpStatusCode.BadRequest, "reason");
    }
}
