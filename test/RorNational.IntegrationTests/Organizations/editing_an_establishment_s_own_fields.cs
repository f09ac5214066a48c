using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using RorNational.Fhir;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Validation;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Organizations;

/// <summary>
/// The EG's own fields beyond FINESS (prices, ORSAN level, drop zone, accessibility, social
/// help, health territories, closure, comment), from the editor's merge patch to the
/// ror-organization published, and the OI fiches' dates and closure type through a dossier.
/// </summary>
public sealed class editing_an_establishment_s_own_fields : ApiFixture
{
    private const string Extensions = "https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/";

    [SetUp]
    public Task GivenAPublishedHospital() => Client.PublishHospital();

    private static readonly JsonObject Everything = new()
    {
        ["prices"] = new JsonArray(new JsonObject
        {
            ["type"] = "02", ["unit"] = "2", ["amount"] = 68.5, ["validFrom"] = "2026-01-01",
            ["residentialType"] = "02", ["welcomeType"] = "01", ["specialPrice"] = "02", ["dependencyLevel"] = "01",
            ["under60"] = true, ["deliveryIncluded"] = new JsonArray("01", "08"), ["othersDeliveryIncluded"] = new JsonArray("Blanchisserie des rideaux"),
            ["mealDeliveryName"] = "Portage du midi", ["humanHelpPriceName"] = "Aide au lever",
        }),
        ["orsanLevel"] = "1",
        ["dropZone"] = true,
        ["accessibility"] = "5",
        ["financialHelps"] = new JsonArray("02"),
        ["familyAccommodation"] = true,
        ["permanentSocialHelpPlaces"] = 12,
        ["temporarySocialHelpPlaces"] = 3,
        ["healthTerritories"] = new JsonArray("835"),
        ["closingType"] = "PRE",
        ["closingDate"] = "2027-06-30",
        ["comment"] = "Parking visiteurs gratuit.",
    };

    private Task<HttpResponseMessage> Patch(JsonObject patch) =>
        Client.PatchAsync($"/api/establishments/{EG}", new StringContent(patch.ToJsonString(), Encoding.UTF8, "application/merge-patch+json"));

    private async Task<(Organization Organization, string ETag)> Published()
    {
        var response = await Client.GetAsync("/fhir/Organization/" + EG);
        return (FhirJson.Parse<Organization>(await response.Content.ReadAsStringAsync()), response.Headers.ETag!.ToString());
    }

    [Test]
    public async Task every_field_is_published_where_ror_organization_puts_it_and_is_valid()
    {
        await Patch(Everything.DeepClone().AsObject()).EnsureOk();

        var (eg, _) = await Published();
        var price = eg.GetExtension(Extensions + "ror-organization-price")!;
        Assert.That(price.GetExtensionValue<CodeableConcept>("priceType")!.Coding.Single().Code, Is.EqualTo("02"));
        Assert.That(price.GetExtensionValue<CodeableConcept>("priceType")!.Coding.Single().System,
            Is.EqualTo("https://mos.esante.gouv.fr/NOS/TRE_R246-TypeTarif/FHIR/TRE-R246-TypeTarif"));
        Assert.That(price.GetExtensionValue<Money>("amount")!.Value, Is.EqualTo(68.5m));
        Assert.That(price.GetExtensionValue<Money>("amount")!.Currency, Is.EqualTo(Money.Currencies.EUR));
        Assert.That(price.GetExtensionValue<FhirDateTime>("startDate")!.Value, Is.EqualTo("2026-01-01"));
        Assert.That(price.Extension.Select(e => e.Url), Is.EqualTo(new[]
        {
            "priceType", "priceUnit", "amount", "startDate", "under60", "deliveryIncluded", "deliveryIncluded", "othersDeliveryIncluded",
            "residentialType", "specialPrice", "welcomeType", "mealDeliveryName", "dependencyLevel", "humanHelpPriceName",
        }), "the extension's order");
        Assert.That(price.GetExtensionValue<FhirBoolean>("under60")!.Value, Is.True);
        Assert.That(price.GetExtensions("deliveryIncluded").Select(e => ((CodeableConcept)e.Value!).Coding.Single()).Select(c => (c.System, c.Code)), Is.EqualTo(new[]
        {
            ("https://mos.esante.gouv.fr/NOS/TRE_R264-PrestationNonObligatoireIncluse/FHIR/TRE-R264-PrestationNonObligatoireIncluse", "01"),
            ("https://mos.esante.gouv.fr/NOS/TRE_R264-PrestationNonObligatoireIncluse/FHIR/TRE-R264-PrestationNonObligatoireIncluse", "08"),
        }));
        Assert.That(price.GetExtensionValue<FhirString>("othersDeliveryIncluded")!.Value, Is.EqualTo("Blanchisserie des rideaux"));
        Assert.That(price.GetExtensionValue<FhirString>("mealDeliveryName")!.Value, Is.EqualTo("Portage du midi"));
        Assert.That(price.GetExtensionValue<FhirString>("humanHelpPriceName")!.Value, Is.EqualTo("Aide au lever"));
        Assert.That(eg.GetExtensionValue<CodeableConcept>(Extensions + "ror-organization-level-recours-orsan")!.Coding.Single().Code, Is.EqualTo("1"));
        Assert.That(eg.GetExtensionValue<FhirBoolean>(Extensions + "ror-organization-drop-zone")!.Value, Is.True);
        Assert.That(eg.GetExtensionValue<CodeableConcept>(Extensions + "ror-organization-accessibility-location")!.Coding.Single().Code, Is.EqualTo("5"));
        Assert.That(eg.GetExtensionValue<CodeableConcept>(Extensions + "ror-organization-financial-help-type")!.Coding.Single().Code, Is.EqualTo("02"));
        Assert.That(eg.GetExtensionValue<FhirBoolean>(Extensions + "ror-organization-accomodation-family")!.Value, Is.True);
        Assert.That(eg.GetExtensionValue<Integer>(Extensions + "ror-organization-nb-permanent-social-help-place")!.Value, Is.EqualTo(12));
        Assert.That(eg.GetExtensionValue<Integer>(Extensions + "ror-organization-nb-temporary-social-help-place")!.Value, Is.EqualTo(3));
        var territory = eg.GetExtension(Extensions + "ror-territorial-division")!;
        Assert.That(territory.GetExtensionValue<CodeableConcept>("typeTerritorialDivision")!.Coding.Single().Code, Is.EqualTo("4"));
        var territoryCode = territory.GetExtensionValue<CodeableConcept>("codeTerritorialDivision")!.Coding.Single();
        Assert.That((territoryCode.System, territoryCode.Code), Is.EqualTo(("https://mos.esante.gouv.fr/NOS/TRE_R88-TerritoireSante/FHIR/TRE-R88-TerritoireSante", "835")));
        Assert.That(eg.GetExtensionValue<CodeableConcept>(Extensions + "ror-organization-closing-type")!.Coding.Single().Code, Is.EqualTo("PRE"));
        Assert.That(eg.GetExtensionValue<Period>("http://hl7.org/fhir/StructureDefinition/organization-period")!.End, Is.EqualTo("2027-06-30"));
        Assert.That(eg.GetExtensionValue<FhirString>(Extensions + "ror-organization-comment")!.Value, Is.EqualTo("Parking visiteurs gratuit."));

        var report = await new FhirValidator().ValidateAsync([await Client.GetStringAsync("/fhir/Organization/" + EG)]);
        Assert.That(report.Errors, Is.Empty, report.ToString());
    }

    [Test]
    public async Task absent_fields_stay_null_removes_and_the_same_patch_again_changes_nothing()
    {
        await Patch(Everything.DeepClone().AsObject()).EnsureOk();
        var (_, before) = await Published();

        await Patch(new JsonObject { ["dropZone"] = null, ["financialHelps"] = null }).EnsureOk();
        var (eg, after) = await Published();
        Assert.That(eg.GetExtension(Extensions + "ror-organization-drop-zone"), Is.Null, "null removes");
        Assert.That(eg.GetExtension(Extensions + "ror-organization-financial-help-type"), Is.Null, "null empties a list");
        Assert.That(eg.GetExtension(Extensions + "ror-organization-price"), Is.Not.Null, "absent stays");
        Assert.That(eg.GetExtension(Extensions + "ror-organization-level-recours-orsan"), Is.Not.Null, "absent stays");
        Assert.That(after, Is.Not.EqualTo(before));

        var again = await Patch(new JsonObject { ["dropZone"] = null });
        Assert.That((await again.ReadJson())["changed"]!.GetValue<bool>(), Is.False);
        Assert.That((await Published()).ETag, Is.EqualTo(after), "no new version");
    }

    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": -1 } ] }""", "prices[0].amount")]
    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": 12.345 } ] }""", "prices[0].amount")]
    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": "12" } ] }""", "prices[0].amount")]
    [TestCase("""{ "prices": [ { "type": "02", "unit": "2" } ] }""", "prices[0].amount")]
    [TestCase("""{ "prices": [ { "type": "99", "unit": "2", "amount": 10 } ] }""", "prices[0].type")]
    [TestCase("""{ "prices": [ { "unit": "2", "amount": 10 } ] }""", "prices[0].type")]
    [TestCase("""{ "prices": [ { "type": "02", "unit": "7", "amount": 10 } ] }""", "prices[0].unit")]
    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": 10, "validFrom": "2026-02-30" } ] }""", "prices[0].validFrom")]
    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": 10, "validFrom": "1200-01-01" } ] }""", "prices[0].validFrom")]
    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": 10, "residentialType": "99" } ] }""", "prices[0].residentialType")]
    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": 10, "welcomeType": "03" } ] }""", "prices[0].welcomeType")]
    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": 10, "specialPrice": "04" } ] }""", "prices[0].specialPrice")]
    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": 10, "dependencyLevel": "not a code!" } ] }""", "prices[0].dependencyLevel")]
    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": 10, "currency": "USD" } ] }""", "prices[0].currency")]
    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": 10, "under60": "oui" } ] }""", "prices[0].under60")]
    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": 10, "deliveryIncluded": ["01", "12"] } ] }""", "prices[0].deliveryIncluded[1]")]
    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": 10, "deliveryIncluded": "01" } ] }""", "prices[0].deliveryIncluded")]
    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": 10, "othersDeliveryIncluded": null } ] }""", "prices[0].othersDeliveryIncluded")]
    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": 10, "othersDeliveryIncluded": [" "] } ] }""", "prices[0].othersDeliveryIncluded[0]")]
    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": 10, "mealDeliveryName": 5 } ] }""", "prices[0].mealDeliveryName")]
    [TestCase("""{ "prices": [ null ] }""", "prices[0]")]
    [TestCase("""{ "prices": {} }""", "prices")]
    [TestCase("""{ "orsanLevel": "2" }""", "orsanLevel")]
    [TestCase("""{ "dropZone": "yes" }""", "dropZone")]
    [TestCase("""{ "accessibility": "9" }""", "accessibility")]
    [TestCase("""{ "financialHelps": ["02", "02"] }""", "financialHelps")]
    [TestCase("""{ "familyAccommodation": 1 }""", "familyAccommodation")]
    [TestCase("""{ "permanentSocialHelpPlaces": -3 }""", "permanentSocialHelpPlaces")]
    [TestCase("""{ "temporarySocialHelpPlaces": 2.5 }""", "temporarySocialHelpPlaces")]
    [TestCase("""{ "healthTerritories": ["84 01"] }""", "healthTerritories[0]")]
    [TestCase("""{ "closingType": "XYZ" }""", "closingType")]
    [TestCase("""{ "closingDate": "30/06/2027" }""", "closingDate")]
    [TestCase("""{ "comment": 5 }""", "comment")]
    public async Task a_bad_field_is_refused_with_400_naming_it_and_nothing_is_stored(string patch, string field)
    {
        var (_, before) = await Published();

        var response = await Patch(JsonNode.Parse(patch)!.AsObject());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        var outcome = FhirJson.Parse<OperationOutcome>(await response.Content.ReadAsStringAsync());
        Assert.That(outcome.Issue.SelectMany(i => i.Expression), Does.Contain(field), outcome.Issue.First().Diagnostics);
        Assert.That((await Published()).ETag, Is.EqualTo(before), "nothing was written");
    }

    [Test]
    public async Task a_pole_s_dates_and_closure_are_drafted_through_a_dossier_and_published_on_its_organization()
    {
        var dossier = await Client.OpenDossier();
        var pole = new JsonObject
        {
            ["type"] = "Pole", ["name"] = "Pôle médecine",
            ["organisation"] = new JsonObject
            {
                ["openingDate"] = "2012-01-02", ["closingDate"] = "2026-12-31", ["closingType"] = "PRO", ["reopeningDate"] = "2027-03-01",
            },
        };
        await Client.DraftFiche(dossier, "pole-medecine", pole).EnsureOk();
        await Client.Finalize(dossier, "pole-medecine").EnsureOk();
        await Client.Submit(dossier).EnsureOk();
        await Client.Accept(dossier).EnsureOk();

        var json = await Client.GetStringAsync("/fhir/Organization/" + await Client.FhirIdOfUnit("Organization", "010000024-pole-medecine"));
        var published = FhirJson.Parse<Organization>(json);
        var period = published.GetExtensionValue<Period>("http://hl7.org/fhir/StructureDefinition/organization-period")!;
        Assert.That((period.Start, period.End), Is.EqualTo(("2012-01-02", "2026-12-31")));
        Assert.That(published.GetExtensionValue<CodeableConcept>(Extensions + "ror-organization-closing-type")!.Coding.Single().Code, Is.EqualTo("PRO"));
        Assert.That(published.GetExtensionValue<Date>(Extensions + "ror-organization-reopening-date")!.Value, Is.EqualTo("2027-03-01"));
        var report = await new FhirValidator().ValidateAsync([json]);
        Assert.That(report.Errors, Is.Empty, report.ToString());
    }

    [TestCase("Pole", """{ "openingDate": "2026-01-01", "closingDate": "2025-01-01" }""", "organisation.closingDate")]
    [TestCase("Pole", """{ "closingType": "ZZZ" }""", "organisation.closingType")]
    [TestCase("Pole", """{ "closingDate": "2026-12-31", "reopeningDate": "2026-06-01" }""", "organisation.reopeningDate")]
    [TestCase("Pole", """{ "reopeningDate": "9999-01-01" }""", "organisation.reopeningDate")]
    [TestCase("Lieu", """{ "closingType": "PRO" }""", "organisation")]
    public async Task a_bad_organisation_description_is_refused_naming_its_field(string type, string organisation, string field)
    {
        var dossier = await Client.OpenDossier();
        var fiche = new JsonObject { ["type"] = type, ["name"] = "X", ["organisation"] = JsonNode.Parse(organisation) };
        if (type == "Lieu") fiche["lieu"] = Lieu()["lieu"]!.DeepClone();

        var response = await Client.DraftFiche(dossier, "fiche-x", fiche);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain($"\"{field}\""));
    }
}
