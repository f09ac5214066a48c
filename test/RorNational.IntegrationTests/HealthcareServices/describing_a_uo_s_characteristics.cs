using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using RorNational.Fhir;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Search;
using RorNational.IntegrationTests.Validation;

namespace RorNational.IntegrationTests.HealthcareServices;

/// <summary>
/// A UO's characteristics, activity family, no-consent habilitation and MSS mailboxes, from the
/// editor's commands to the ror-healthcareservice it publishes and the guide's searches on it.
/// The data: the samples (the hospital's USIC does transthoracic echocardiography, its
/// gynaecology is a type-2 maternity, the EHPAD signs in LSF) and a ventilation unit added here:
/// its structural characteristics through a dossier, then its content ones by direct edit.
/// </summary>
public sealed class describing_a_uo_s_characteristics : SearchFixture
{
    private const string Hospital = "eg-010000024";
    private const string Acts = "https://mos.esante.gouv.fr/NOS/TRE_R210-ActeSpecifique/FHIR/TRE-R210-ActeSpecifique";
    private const string ActType = "https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-act-type";

    private string Ventilation => Unit("010000024-uo-ventilation");

    protected override async Task LoadMoreData()
    {
        await PublishStructure(Client, Hospital, ("uo-ventilation", new JsonObject
        {
            ["type"] = "UO",
            ["name"] = "Ventilation à haute fréquence",
            ["parentId"] = "uf-chirurgie-gynecologique",
            ["uo"] = new JsonObject
            {
                ["champActivite"] = "01",
                ["activitesOperationnelles"] = new JsonArray("354"),
                ["modePriseEnCharge"] = "28",
                ["lieuIds"] = new JsonArray("lieu-usic"),
                ["operationalActivityFamily"] = new JsonObject { ["table"] = "TRE_R266", ["code"] = "02" },
                ["receptionType"] = "02",
                ["expertiseLevels"] = new JsonArray(new JsonObject { ["table"] = "TRE_R344", ["code"] = "10" }),
                ["specificActs"] = new JsonArray("0503"),
                ["outsideOfficeActs"] = new JsonArray("0630"),
                ["noConsentHabilitation"] = false,
                ["content"] = new JsonObject { ["ageRange"] = new JsonObject { ["low"] = 0, ["high"] = 17 } },
            },
        }));
        await Client.PutAsJsonAsync($"/api/establishments/{Hospital}/uo/uo-ventilation/content", new JsonObject
        {
            ["ageRange"] = new JsonObject { ["low"] = 0, ["high"] = 17 },
            ["receptionModalities"] = new JsonArray("01"),
            ["managementTypes"] = new JsonArray("01"),
            ["takingCareSpecialities"] = new JsonArray("01"),
            ["annualOpening"] = "02",
            ["resourceProfessions"] = new JsonArray(
                new JsonObject { ["table"] = "TRE_G15", ["code"] = "60" },
                new JsonObject { ["table"] = "TRE_R356", ["code"] = "86" }),
            ["specificCompetences"] = new JsonArray("02"),
            ["serviceStopTemporality"] = "PRO",
            ["mssMailboxes"] = new JsonArray(new JsonObject { ["channel"] = "MSSANTE", ["value"] = "ventilation@ch-bourg.mssante.fr", ["confidentiality"] = 1 }),
        }).EnsureOk();
    }

    [Test]
    public async Task each_characteristic_is_published_in_its_slice_and_the_acts_are_told_apart_by_their_type()
    {
        var service = FhirJson.Parse<HealthcareService>(await Client.GetStringAsync($"/fhir/HealthcareService/{Ventilation}"));

        var characteristics = service.Characteristic.Select(c => (Table: Table(c.Coding.Single().System), c.Coding.Single().Code,
            ActType: c.GetExtensionValue<Code>(ActType)?.Value)).ToList();
        Assert.That(characteristics, Is.EqualTo(new (string, string, string?)[]
        {
            ("TRE_R213", "28", null), ("TRE_R240", "02", null), ("TRE_R338", "01", null), ("TRE_R236", "01", null),
            ("TRE_R210", "0503", "specificAct"), ("TRE_R210", "0630", "outsideOfficeAct"), ("TRE_R245", "01", null),
            ("TRE_R238", "02", null), ("TRE_G15", "60", null), ("TRE_R356", "86", null), ("TRE_R243", "02", null),
            ("TRE_R344", "10", null), ("TRE_R286", "PRO", null),
        }));
        Assert.That(service.Specialty.Select(s => (Table(s.Coding.Single().System), s.Coding.Single().Code)),
            Is.EqualTo(new[] { ("TRE_R211", "354"), ("TRE_R266", "02") }), "the operational activity, then its family");
        var mailbox = service.Telecom.Single();
        Assert.That((mailbox.System, mailbox.Value), Is.EqualTo((ContactPoint.ContactPointSystem.Email, "ventilation@ch-bourg.mssante.fr")));
        Assert.That(mailbox.Extension.Select(e => e.Url), Has.Some.EndsWith("/ror-telecom-communication-channel").And.Some.EndsWith("/ror-telecom-confidentiality-level"));
        Assert.That(service.GetBoolExtension("https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-healthcareservice-no-consent-habilitation"), Is.False);
    }

    [TestCase("characteristic=" + Acts + "|0503", new[] { "010000024-uo-ventilation" })]
    [TestCase("characteristic=" + Acts + "|0630", new[] { "010000024-uo-usic", "010000024-uo-ventilation" })]
    [TestCase("specific-competence=https://mos.esante.gouv.fr/NOS/TRE_R243-CompetenceSpecifique/FHIR/TRE-R243-CompetenceSpecifique|02", new[] { "010000024-uo-ventilation" })]
    [TestCase("specific-competence=01", new[] { "350002812-uo-hebergement-permanent" })]
    [TestCase("characteristic=https://mos.esante.gouv.fr/NOS/TRE_R253-TypeMaternite/FHIR/TRE-R253-TypeMaternite|03", new[] { "010000024-uo-chirurgie-gynecologique-hc" })]
    [TestCase("characteristic=https://mos.esante.gouv.fr/NOS/TRE_R356-ProfessionRessource/FHIR/TRE-R356-ProfessionRessource|86", new[] { "010000024-uo-ventilation" })]
    [TestCase("characteristic=https://mos.esante.gouv.fr/NOS/TRE_R286-TypeFermeture/FHIR/TRE-R286-TypeFermeture|PRO", new[] { "010000024-uo-ventilation" })]
    [TestCase("specialty=https://mos.esante.gouv.fr/NOS/TRE_R266-FamilleActiviteOperationnelleHorsSerafin/FHIR/TRE-R266-FamilleActiviteOperationnelleHorsSerafin|02", new[] { "010000024-uo-ventilation" })]
    [TestCase("_filter=specific-competence eq 02 and characteristic eq 0503", new[] { "010000024-uo-ventilation" })]
    [TestCase("_filter=specific-competence eq 02 and characteristic eq 0630 and characteristic eq 28", new[] { "010000024-uo-ventilation" })]
    public async Task the_guide_s_parameters_find_the_offers_by_their_characteristics(string criteria, string[] offers)
    {
        var matches = await Matches("HealthcareService?" + criteria);

        Assert.That(matches, Is.EquivalentTo(offers.Select(Unit)), criteria);
    }

    [Test]
    public async Task a_lieu_is_found_by_a_characteristic_of_its_offers_through_has()
    {
        var matches = await Matches($"Location?_has:HealthcareService:location:characteristic={Acts}|0503");

        Assert.That(matches, Is.EqualTo(new[] { Unit("010000024-lieu-usic") }));
    }

    [Test]
    public async Task every_offer_with_characteristics_is_valid_against_the_ror_profiles()
    {
        var ids = new[] { "010000024-uo-ventilation", "010000024-uo-usic", "010000024-uo-chirurgie-gynecologique-hc", "350002812-uo-hebergement-permanent" };
        var resources = new List<string>();
        foreach (var id in ids) resources.Add(await Client.GetStringAsync($"/fhir/HealthcareService/{Unit(id)}"));

        var report = await new FhirValidator().ValidateAsync(resources);

        Assert.That(report.Errors, Is.Empty, report.ToString());
    }

    private static string Table(string? system) => system!.Split("/NOS/")[1].Split('-')[0];
}
