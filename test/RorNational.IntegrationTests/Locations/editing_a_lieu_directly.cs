using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using RorNational.Fhir;
using RorNational.IntegrationTests.Capacity.Supplying;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Locations;

/// <summary>
/// An editor changes a published lieu's content (status, description, aliases, telecoms,
/// equipment, residential capacity) without a dossier: the Location is republished with it,
/// searched by it, keeps its capacity, and nothing is written when the content is refused, the
/// lieu unknown, or drafted in the open dossier.
/// </summary>
public sealed class editing_a_lieu_directly : SupplyingFixture
{
    private const string ContentOf = $"/api/establishments/{EG}/lieux/lieu-batiment-a/content";
    private const string Mri = "equipment-type=221&equipment-feature=001&limit-value=ge200|http://unitsofmeasure.org|kg";

    [SetUp]
    public Task GivenAPublishedLieu() => PublishLieu();

    [Test]
    public async Task the_content_is_published_on_the_location_and_searched_and_the_capacity_stays()
    {
        await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))))).EnsureOk();
        var location = await Client.FhirIdOfUnit("Location", LieuUnit);
        var before = await Client.GetAsync($"/fhir/Location/{location}");

        var response = await Client.PutAsJsonAsync(ContentOf, ClosedWithAnMri());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That((await response.ReadJson())["changed"]!.GetValue<bool>(), Is.True);
        var read = await Client.GetAsync($"/fhir/Location/{location}");
        Assert.That(read.Headers.ETag!.ToString(), Is.Not.EqualTo(before.Headers.ETag!.ToString()), "a new version");
        var published = FhirJson.Parse<Location>(await read.Content.ReadAsStringAsync());
        Assert.Multiple(() =>
        {
            Assert.That(published.OperationalStatus!.Code, Is.EqualTo("FT"));
            Assert.That(published.Description, Is.EqualTo("Entrée par le hall B"));
            Assert.That(published.Alias, Is.EqualTo(new[] { "Cardiologie B" }));
            Assert.That(published.Telecom.Single().Value, Is.EqualTo("0474450999"));
            Assert.That(published.Extension.Count(e => e.Url!.EndsWith("/ror-location-equipment", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(published.Extension.Count(e => e.Url!.EndsWith("/ror-location-supported-capacity", StringComparison.Ordinal)), Is.EqualTo(1),
                "the capacity supplied before the edit is still published");
            Assert.That(published.Address!.PostalCode, Is.EqualTo("01012"), "the address is the dossier's");
        });
        Assert.That(await Total($"Location?_id={location}&{Mri}"), Is.EqualTo(1));
        Assert.That(await Total($"HealthcareService?location.{Mri.Replace("&", "&location.")}"), Is.EqualTo(1));
    }

    [Test]
    public async Task the_same_content_again_changes_nothing()
    {
        await Client.PutAsJsonAsync(ContentOf, ClosedWithAnMri()).EnsureOk();
        var version = await App.StreamVersion(EG);

        var again = await Client.PutAsJsonAsync(ContentOf, ClosedWithAnMri());

        Assert.That((await again.ReadJson())["changed"]!.GetValue<bool>(), Is.False);
        Assert.That(await App.StreamVersion(EG), Is.EqualTo(version));
    }

    [Test]
    public async Task a_code_outside_its_value_set_is_refused_naming_it_and_nothing_is_written()
    {
        var content = ClosedWithAnMri();
        content["equipments"]![0]!["limits"]![0]!["feature"] = "009";
        var version = await App.StreamVersion(EG);

        var response = await Client.PutAsJsonAsync(ContentOf, content);

        await response.AssertRefused(HttpStatusCode.BadRequest, "equipments[0].limits[0].feature");
        Assert.That(await App.StreamVersion(EG), Is.EqualTo(version));
        Assert.That(await Total($"Location?{Mri}"), Is.Zero);
    }

    [Test]
    public async Task structural_fields_are_not_content()
    {
        var content = ClosedWithAnMri();
        content["idExterneSynchro"] = "AUTRE";

        var response = await Client.PutAsJsonAsync(ContentOf, content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the supplier's key changes by dossier");
        Assert.That((await Client.GetStringAsync($"/api/establishments/{EG}")), Does.Contain("CARDIO-HC"));
    }

    [TestCase("lieu-inconnu")]
    [TestCase("uo-cardio-hc")]
    public async Task only_a_published_lieu_is_edited(string fiche)
    {
        var response = await Client.PutAsJsonAsync($"/api/establishments/{EG}/lieux/{fiche}/content", ClosedWithAnMri());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a new lieu needs a dossier");
    }

    [Test]
    public async Task a_lieu_the_open_dossier_drafts_is_refused_with_409_naming_the_dossier()
    {
        var dossier = await Client.OpenDossier();
        await Client.DraftFiche(dossier, "lieu-batiment-a", Lieu()).EnsureOk();
        var version = await App.StreamVersion(EG);

        var response = await Client.PutAsJsonAsync(ContentOf, ClosedWithAnMri());

        var outcome = await response.AssertRefused(HttpStatusCode.Conflict, null);
        Assert.That(outcome.Issue.Single().Diagnostics, Does.StartWith($"lieu-batiment-a is drafted in dossier {dossier}"));
        Assert.That(await App.StreamVersion(EG), Is.EqualTo(version));
    }

    [Test]
    public async Task the_editors_view_shows_the_edited_content()
    {
        await Client.PutAsJsonAsync(ContentOf, ClosedWithAnMri()).EnsureOk();

        var lieu = (await Client.GetStringAsync($"/api/establishments/{EG}"));

        Assert.That(lieu, Does.Contain("Entrée par le hall B").And.Contain("\"operationalStatus\":\"FT\""));
    }

    private static JsonObject ClosedWithAnMri() => new()
    {
        ["operationalStatus"] = "FT",
        ["description"] = "Entrée par le hall B",
        ["aliases"] = new JsonArray("Cardiologie B"),
        ["telecoms"] = new JsonArray(new JsonObject { ["channel"] = "2", ["value"] = "0474450999", ["confidentiality"] = 1 }),
        ["equipments"] = new JsonArray(new JsonObject
        {
            ["type"] = "221", ["inService"] = 1,
            ["limits"] = new JsonArray(new JsonObject { ["feature"] = "001", ["value"] = 250, ["unit"] = "kg" }),
        }),
        ["residentialCapacities"] = new JsonArray(),
    };

    private async Task<int> Total(string query) =>
        JsonNode.Parse(await Client.GetStringAsync("/fhir/" + query))!["total"]!.GetValue<int>();
}
