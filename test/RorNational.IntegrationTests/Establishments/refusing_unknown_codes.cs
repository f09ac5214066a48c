using System.Net;
using System.Text.Json.Nodes;
using RorNational.Domain.Establishments.Structure;
using RorNational.Domain.Practitioners;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Practitioners;
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
        yield return Case("an annual opening 09", "annualOpening", "JDV_J28-OuvertureAnnuelle-ROR", c => c["annualOpening"] = "09");
        yield return Case("a service stop XYZ", "serviceStopTemporality", "JDV_J185-TypeFermeture-ROR", c => c["serviceStopTemporality"] = "XYZ");
        yield return Case("a service stop ERR (a FINESS closing type of TRE_R286)", "serviceStopTemporality", "JDV_J185-TypeFermeture-ROR",
            c => c["serviceStopTemporality"] = "ERR");
        yield return Case("a médecin 99 of TRE_G15", "resourceProfessions[0].code", "JDV_J186-ProfessionRessource-ROR",
            c => c["resourceProfessions"] = new JsonArray(new JsonObject { ["table"] = "TRE_G15", ["code"] = "99" }));
        yield return Case("a profession 41 of TRE_G15 (a TRE_R94 code)", "resourceProfessions[0].code", "JDV_J186-ProfessionRessource-ROR",
            c => c["resourceProfessions"] = new JsonArray(new JsonObject { ["table"] = "TRE_G15", ["code"] = "41" }));
        yield return Case("an MSS mailbox on canal 0", "mssMailboxes[0].channel", "JDV_J225-CanalCommunication-ROR",
            c => c["mssMailboxes"] = new JsonArray(new JsonObject { ["channel"] = "0", ["value"] = "a@b.mssante.fr", ["confidentiality"] = 1 }));
        yield return Case("an opening hour of type 12", "openingHours[0].type", "JDV_J41-TypeHoraire-ROR",
            c => c["openingHours"]![0]!["type"] = "12");
        yield return Case("a management type 03", "managementTypes[0]", "JDV_J26-ModeGestion-ROR",
            c => c["managementTypes"] = new JsonArray("03"));
        yield return Case("a specific competence 09 (deprecated)", "specificCompetences[0]", "JDV_J33-CompetenceSpecifique-ROR",
            c => c["specificCompetences"] = new JsonArray("09"));
        yield return Case("a taking-care speciality 15 (deprecated)", "takingCareSpecialities[0]", "JDV_J35-SpecialisationDePriseEnCharge-ROR",
            c => c["takingCareSpecialities"] = new JsonArray("15"));
        yield return Case("a reception modality 12 (deprecated)", "receptionModalities[0]", "JDV_J226-ModaliteAccueil-ROR",
            c => c["receptionModalities"] = new JsonArray("12"));
        yield return Case("a role of profession 35 (deprecated)", "practitionerRoles[0].profession", "JDV_J229-ProfessionSante-ROR",
            c => c["practitionerRoles"] = new JsonArray(PractitionerRequests.Role(Practitioner, "35")));
        yield return Case("a role of specific orientation 82", "practitionerRoles[0].knowHow.specificOrientation", "JDV_J212-OrientationParticuliere-ROR",
            c => c["practitionerRoles"] = new JsonArray(RoleWith(Practitioner, new JsonObject { ["specificOrientation"] = "82" })));
    }

    private const string Practitioner = "10100000134";

    private static JsonObject RoleWith(string rpps, JsonObject knowHow)
    {
        var role = PractitionerRequests.Role(rpps, "10", "SM04");
        role["knowHow"] = knowHow;
        return role;
    }

    [Test]
    public Task a_price_of_dependency_level_04_is_refused_naming_it_and_nothing_is_stored() =>
        AssertPatchRefused("""{ "prices": [ { "type": "03", "unit": "2", "amount": 21.4, "dependencyLevel": "04" } ] }""", "prices[0].dependencyLevel", "JDV_J27-GroupeTarifaireDependance-ROR");

    [TestCase("8401", TestName = "a health territory 8401 (well shaped, not a TRE_R88 code)")]
    [TestCase("221", TestName = "a health territory 221 (Oise Est, deprecated in 2018)")]
    public Task a_health_territory_outside_JDV_J249_is_refused_naming_it_and_nothing_is_stored(string territory) =>
        AssertPatchRefused($$"""{ "healthTerritories": ["835", "{{territory}}"] }""", "healthTerritories[1]", "JDV_J249-TerritoireSante-ROR");

    [TestCase("03", TestName = "a financial help 03 (well shaped, not in JDV_J31)")]
    [TestCase("1", TestName = "a financial help 1 (01 without its leading zero)")]
    public Task a_financial_help_outside_JDV_J31_is_refused_naming_it_and_nothing_is_stored(string help) =>
        AssertPatchRefused($$"""{ "financialHelps": ["02", "{{help}}"] }""", "financialHelps[1]", "JDV_J31-AideFinanciere-ROR");

    /// <summary>A merge patch of the EG's own fields refused with 400 naming the field and its value set, and nothing stored.</summary>
    private async Task AssertPatchRefused(string patch, string field, string valueSet)
    {
        var before = await App.StreamVersion(EG);

        var response = await Client.PatchAsync($"/api/establishments/{EG}", new StringContent(patch, System.Text.Encoding.UTF8, "application/merge-patch+json"));

        var outcome = await response.AssertRefused(HttpStatusCode.BadRequest, field);
        Assert.That(outcome.Issue.Select(i => i.Diagnostics), Has.Some.Contains("is not in the value set " + valueSet));
        Assert.That(await App.StreamVersion(EG), Is.EqualTo(before));
    }

    private static IEnumerable<TestCaseData> ContentWithWrongCharacteristics()
    {
        TestCaseData Case(string name, string field, string expectation, Action<JsonObject> spoil)
        {
            var content = Content(18);
            spoil(content);
            return new TestCaseData(content.ToJsonString(), field, expectation).SetName(name);
        }
        yield return Case("a profession of a table outside JDV_J186", "resourceProfessions[0].table", "is not a table of the value set JDV_J186-ProfessionRessource-ROR",
            c => c["resourceProfessions"] = new JsonArray(new JsonObject { ["table"] = "TRE_R210", ["code"] = "10" }));
        yield return Case("a profession without table", "resourceProfessions[0].table", "is required",
            c => c["resourceProfessions"] = new JsonArray(new JsonObject { ["code"] = "10" }));
        yield return Case("an MSS mailbox that is a phone number", "mssMailboxes[0].value", "MSS mailbox",
            c => c["mssMailboxes"] = new JsonArray(new JsonObject { ["channel"] = "MSSANTE", ["value"] = "0474454647", ["confidentiality"] = 1 }));
        yield return Case("an MSS mailbox on a fixed phone's channel", "mssMailboxes[0].channel", "must be MSSANTE",
            c => c["mssMailboxes"] = new JsonArray(new JsonObject { ["channel"] = "2", ["value"] = "a@b.mssante.fr", ["confidentiality"] = 1 }));
        yield return Case("a contact's telecom on the MSS channel", "contacts[0].telecoms[0].channel", "is not in the value set JDV_J225",
            c => c["contacts"]![0]!["telecoms"]![0]!["channel"] = "MSSANTE");
        yield return Case("a malformed specific competence", "specificCompetences[0]", "must be a code of TRE_R243",
            c => c["specificCompetences"] = new JsonArray("01; drop"));
        yield return Case("a null list of reception modalities", "receptionModalities", "must be a list",
            c => c["receptionModalities"] = null);
    }

    [TestCaseSource(nameof(ContentWithWrongCharacteristics))]
    public async Task a_direct_edit_with_a_wrong_characteristic_is_refused_naming_it_and_nothing_is_stored(string content, string field, string expectation)
    {
        var before = await App.StreamVersion(EG);

        var response = await Client.PutAsync(ContentRoute, Refusals.RawJson(content));

        var outcome = await response.AssertRefused(HttpStatusCode.BadRequest, field);
        Assert.That(outcome.Issue.Select(i => i.Diagnostics), Has.Some.Contains(expectation));
        Assert.That(await App.StreamVersion(EG), Is.EqualTo(before));
    }

    private static IEnumerable<TestCaseData> UOsWithUnknownCodes()
    {
        TestCaseData Case(string name, string field, string valueSet, Action<JsonObject> spoil)
        {
            var uo = UO();
            spoil(uo["uo"]!.AsObject());
            return new TestCaseData(uo.ToJsonString(), field, valueSet).SetName(name);
        }
        yield return Case("a reception type 03", "uo.receptionType", "JDV_J30-TemporaliteAccueil-ROR", u => u["receptionType"] = "03");
        yield return Case("a maternity type 05", "uo.expertiseLevels[0].code", "JDV_J227-NiveauExpertise-ROR",
            u => u["expertiseLevels"] = new JsonArray(new JsonObject { ["table"] = "TRE_R253", ["code"] = "05" }));
        yield return Case("an activity family 99", "uo.operationalActivityFamily.code", "JDV_J51-FamilleActiviteOperationnelle-ROR",
            u => u["operationalActivityFamily"] = new JsonObject { ["table"] = "TRE_R266", ["code"] = "99" });
        yield return Case("an operational activity 021 (a TRE_R211 code left out of JDV_J17)", "uo.activitesOperationnelles[1]", "JDV_J17-ActiviteOperationnelle-ROR",
            u => u["activitesOperationnelles"] = new JsonArray("013", "021"));
        yield return Case("an operational activity 999", "uo.activitesOperationnelles[0]", "JDV_J17-ActiviteOperationnelle-ROR",
            u => u["activitesOperationnelles"] = new JsonArray("999"));
        yield return Case("a unit category 42 (not in JDV_J238)", "uo.categorieOrganisation", "JDV_J238-TypeOffre-ROR",
            u => u["categorieOrganisation"] = "42");
        yield return Case("a unit category 999", "uo.categorieOrganisation", "JDV_J238-TypeOffre-ROR",
            u => u["categorieOrganisation"] = "999");
        yield return Case("a specific act 0659 (deprecated)", "uo.specificActs[0]", "JDV_J16-ActeSpecifique-ROR",
            u => u["specificActs"] = new JsonArray("0659"));
        yield return Case("an act outside the office 9999", "uo.outsideOfficeActs[0]", "JDV_J16-ActeSpecifique-ROR",
            u => u["outsideOfficeActs"] = new JsonArray("9999"));
    }

    [TestCaseSource(nameof(UOsWithUnknownCodes))]
    public async Task a_draft_uo_with_a_structural_characteristic_outside_its_value_set_is_refused_and_nothing_is_stored(string uo, string field, string valueSet)
    {
        var dossier = await Client.OpenDossier();
        var before = await App.StreamVersion(EG);

        var response = await Client.PutAsync($"/api/establishments/{EG}/dossiers/{dossier}/fiches/uo-cardio-hc", Refusals.RawJson(uo));

        var outcome = await response.AssertRefused(HttpStatusCode.BadRequest, field);
        Assert.That(outcome.Issue.Select(i => i.Diagnostics), Has.Some.Contains($"is not in the value set {valueSet}"));
        Assert.That(await App.StreamVersion(EG), Is.EqualTo(before));
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
    public async Task a_direct_edit_with_a_planned_service_stop_is_recorded()
    {
        var content = Content(18);
        content["serviceStopTemporality"] = "PRE";
        content["closing"] = new JsonObject { ["closedFrom"] = "2027-01-04", ["reopeningOn"] = "2027-02-01" };
        var before = await App.StreamVersion(EG);

        await Client.PutAsync(ContentRoute, Refusals.RawJson(content.ToJsonString())).EnsureOk();

        Assert.That(await App.StreamVersion(EG), Is.GreaterThan(before));
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

    private static IEnumerable<TestCaseData> LieuxWithWrongContent()
    {
        TestCaseData Case(string name, string field, string expectation, Action<JsonObject> spoil)
        {
            var lieu = Lieu();
            var content = lieu["lieu"]!.AsObject();
            content["equipments"] = new JsonArray(new JsonObject
            {
                ["type"] = "221", ["inService"] = 1,
                ["limits"] = new JsonArray(new JsonObject { ["feature"] = "001", ["value"] = 250, ["unit"] = "kg" }),
            });
            content["residentialCapacities"] = new JsonArray(new JsonObject { ["type"] = "02", ["number"] = 10 });
            content["telecoms"] = new JsonArray(new JsonObject { ["channel"] = "2", ["value"] = "0474450000", ["confidentiality"] = 1 });
            spoil(content);
            return new TestCaseData(lieu.ToJsonString(), field, expectation).SetName(name);
        }
        yield return Case("an equipment 999", "lieu.equipments[0].type", "is not in the value set JDV_J18-EquipementSpecifique-ROR",
            l => l["equipments"]![0]!["type"] = "999");
        yield return Case("an equipment without type", "lieu.equipments[0].type", "required",
            l => l["equipments"]![0]!.AsObject().Remove("type"));
        yield return Case("a feature 009", "lieu.equipments[0].limits[0].feature", "is not in the value set JDV_J228-TypeCaracteristiqueEquipement-ROR",
            l => l["equipments"]![0]!["limits"]![0]!["feature"] = "009");
        yield return Case("a limit in pounds", "lieu.equipments[0].limits[0].unit", "UCUM",
            l => l["equipments"]![0]!["limits"]![0]!["unit"] = "[lb_av]");
        yield return Case("a negative limit", "lieu.equipments[0].limits[0].value", "above 0",
            l => l["equipments"]![0]!["limits"]![0]!["value"] = -5);
        yield return Case("two limits of one feature", "lieu.equipments[0].limits", "one limit per feature",
            l => l["equipments"]![0]!["limits"]!.AsArray().Add(new JsonObject { ["feature"] = "001", ["value"] = 300, ["unit"] = "kg" }));
        yield return Case("a negative count in service", "lieu.equipments[0].inService", "must be 0 to",
            l => l["equipments"]![0]!["inService"] = -1);
        yield return Case("a residential type 99", "lieu.residentialCapacities[0].type", "is not in the value set JDV_J32-TypeHabitation-ROR",
            l => l["residentialCapacities"]![0]!["type"] = "99");
        yield return Case("a negative residential number", "lieu.residentialCapacities[0].number", "must be 0 to",
            l => l["residentialCapacities"]![0]!["number"] = -3);
        yield return Case("a status XX", "lieu.operationalStatus", "is not in the value set JDV_J224-StatutLieu-ROR",
            l => l["operationalStatus"] = "XX");
        yield return Case("a telecom on canal 0", "lieu.telecoms[0].channel", "is not in the value set JDV_J225-CanalCommunication-ROR",
            l => l["telecoms"]![0]!["channel"] = "0");
        yield return Case("a telecom of confidentiality 7", "lieu.telecoms[0].confidentiality", "1, 2 or 3",
            l => l["telecoms"]![0]!["confidentiality"] = 7);
        yield return Case("an empty alias", "lieu.aliases[0]", "required",
            l => l["aliases"] = new JsonArray(""));
        yield return Case("a null equipment list", "lieu.equipments", "must be a list",
            l => l["equipments"] = null);
    }

    [TestCaseSource(nameof(LieuxWithWrongContent))]
    public async Task a_lieu_with_wrong_equipment_capacity_or_telecoms_is_refused_naming_the_field_and_nothing_is_stored(string lieu, string field, string expectation)
    {
        var dossier = await Client.OpenDossier();
        var before = await App.StreamVersion(EG);

        var response = await Client.PutAsync($"/api/establishments/{EG}/dossiers/{dossier}/fiches/lieu-batiment-a", Refusals.RawJson(lieu));

        var outcome = await response.AssertRefused(HttpStatusCode.BadRequest, field);
        Assert.That(outcome.Issue.Select(i => i.Diagnostics), Has.Some.Contains(expectation));
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
            DescriptionValueSets.FonctionLieu, DescriptionValueSets.StatutLieu, DescriptionValueSets.EquipementSpecifique,
            DescriptionValueSets.TypeCaracteristiqueEquipement, DescriptionValueSets.TypeHabitation,
            DescriptionValueSets.TemporaliteAccueil, DescriptionValueSets.OuvertureAnnuelle, DescriptionValueSets.TemporaliteArretService, DescriptionValueSets.TypeFermeture,
            DescriptionValueSets.ProfessionRessource[0], DescriptionValueSets.NiveauExpertise[0], DescriptionValueSets.FamilleActiviteOperationnelle[0],
            DescriptionValueSets.TypeTarif, DescriptionValueSets.UnitePrix, DescriptionValueSets.ConditionTarifaire,
            DescriptionValueSets.NiveauRecoursOrsan, DescriptionValueSets.AccessibiliteLieu,
            DescriptionValueSets.TypeHoraire, DescriptionValueSets.ModeGestion, DescriptionValueSets.GroupeTarifaireDependance,
            DescriptionValueSets.CompetenceSpecifique, DescriptionValueSets.SpecialisationPriseEnCharge, DescriptionValueSets.ModaliteAccueil,
            PractitionerValueSets.OrientationParticuliere, PractitionerValueSets.ProfessionSante, DescriptionValueSets.ActeSpecifique,
            DescriptionValueSets.TerritoireSante, DescriptionValueSets.AideFinanciere,
            DescriptionValueSets.ActiviteOperationnelle, DescriptionValueSets.CategorieOrganisation,
        }.Select(b => b.ValueSet)));
        Assert.That(listed, Has.None.Contains('|'), "a value set's codes by table are not value sets of their own");
        Assert.That(listed, Has.None.AnyOf("JDV_J55-CategorieEG-ROR", "JDV_J230-CommuneOM-ROR"), "these include a whole NOS table: their codes are not in the repository");
    }
}
