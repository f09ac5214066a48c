using System.Net;
using System.Text.Json.Nodes;
using RorNational.Domain.Establishments.Structure;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.Offer.Establishments;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Establishments;

/// <summary>
/// A code outside the value set the FHIR rendering binds its field to is refused on every path
/// (400 naming the field and the value set), and so is an object missing a member it cannot do
/// without: nothing is stored, the EG's stream version is unchanged.
/// </summary>
public sealed class refusing_unknown_codes : ApiFixture
{
    private const string ContentRoute = $"/api/establishments/{EG}/uo/uo-cardio-hc/content";

    [SetUp]
    public Task GivenAPublishedHospital() => Client.PublishHospital();

    private static IEnumerable<TestCaseData> ContentWithUnknownCodes()
    {
        TestCaseData Case(string name, string field, string valueSet, Action<JsonObject> spoil)
        {
            var content = Content(18);
            spoil(content);
            return new TestCaseData(content.ToJsonString(), field, valueSet).SetName(name);
        }
        yield return Case("an intervention zone of type 99", "interventionZones[0].type", "JDV_J223-TypeDivisionTerritoriale-ROR",
            c => c["interventionZones"] = new JsonArray(new JsonObject { ["type"] = "99", ["code"] = "69" }));
        yield return Case("a public 999", "publicPrisEnCharge[0]", "JDV_J29-PublicPrisEnCharge-ROR",
            c => c["publicPrisEnCharge"] = new JsonArray("999"));
        yield return Case("a nature de contact 42", "contacts[0].purpose", "JDV_J221-NatureContact-ROR",
            c => c["contacts"]![0]!["purpose"] = "42");
        yield return Case("a canal 0", "contacts[0].telecoms[0].channel", "JDV_J225-CanalCommunication-ROR",
            c => c["contacts"]![0]!["telecoms"]![0]!["channel"] = "0");
    }

    [TestCaseSource(nameof(ContentWithUnknownCodes))]
    public async Task a_direct_edit_with_a_code_outside_its_value_set_is_refused_and_nothing_is_stored(string content, string field, string valueSet)
    {
        var before = await App.StreamVersion(EG);

        var response = await Client.PutAsync(ContentRoute, Refusals.RawJson(content));

        var outcome = await response.AssertRefused(HttpStatusCode.BadRequest, field);
        Assert.That(outcome.Issue.Select(i => i.Diagnostics), Has.Some.Contains($"is not in the value set {valueSet}"));
        Assert.That(await App.StreamVersion(EG), Is.EqualTo(before));
    }

    [Test]
    public async Task a_direct_edit_with_an_empty_age_range_is_refused_naming_both_bounds()
    {
        var content = Content(18);
        content["ageRange"] = new JsonObject();
        var before = await App.StreamVersion(EG);

        var response = await Client.PutAsync(ContentRoute, Refusals.RawJson(content.ToJsonString()));

        var outcome = await response.AssertRefused(HttpStatusCode.BadRequest, "ageRange.low");
        Assert.That(outcome.Issue.SelectMany(i => i.Expression), Does.Contain("ageRange.high"));
        Assert.That(await App.StreamVersion(EG), Is.EqualTo(before));
    }

    [Test]
    public async Task a_draft_with_a_champ_d_activite_outside_its_value_set_is_refused_and_nothing_is_stored()
    {
        var dossier = await Client.OpenDossier();
        var uo = UO();
        uo["uo"]!["champActivite"] = "ZZ";
        var before = await App.StreamVersion(EG);

        var response = await Client.DraftFiche(dossier, "uo-cardio-hc", uo);

        var outcome = await response.AssertRefused(HttpStatusCode.BadRequest, "uo.champActivite");
        Assert.That(outcome.Issue.Select(i => i.Diagnostics), Has.Some.Contains("is not in the value set JDV_J20-ChampActivite-ROR"));
        Assert.That(await App.StreamVersion(EG), Is.EqualTo(before));
    }

    [Test]
    public async Task a_lieu_with_an_empty_position_is_refused_not_placed_at_zero_zero()
    {
        var dossier = await Client.OpenDossier();
        var lieu = Lieu();
        lieu["lieu"]!["position"] = new JsonObject();
        var before = await App.StreamVersion(EG);

        var response = await Client.DraftFiche(dossier, "lieu-batiment-a", lieu);

        await response.AssertRefused(HttpStatusCode.BadRequest, "lieu.position.latitude");
        Assert.That(await App.StreamVersion(EG), Is.EqualTo(before));
    }

    [Test]
    public void the_server_holds_every_value_set_that_lists_its_codes_and_only_those()
    {
        var listed = NationalValueSets.Default.ListedValueSets.ToHashSet();

        Assert.That(listed, Is.SupersetOf(new[]
        {
            DescriptionValueSets.ChampActivite, DescriptionValueSets.ModePriseEnCharge, DescriptionValueSets.PublicPrisEnCharge,
            DescriptionValueSets.NatureContact, DescriptionValueSets.CanalCommunication, DescriptionValueSets.TypeDivisionTerritoriale,
            DescriptionValueSets.FonctionLieu,
        }.Select(b => b.ValueSet)));
        Assert.That(listed, Has.None.AnyOf(DescriptionValueSets.ActiviteOperationnelle.ValueSet, DescriptionValueSets.TypeHoraire.ValueSet,
            DescriptionValueSets.CategorieOrganisation.ValueSet), "these include a whole NOS table: their codes are not in the repository");
    }
}
