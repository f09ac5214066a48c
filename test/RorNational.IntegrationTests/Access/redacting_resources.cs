using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using RorNational.Fhir.Access;
using RorNational.Fhir.Ror;
using E = RorNational.Fhir.Ror.RorCanonical.Extensions;
using T = RorNational.Fhir.Ror.RorCanonical.Terminologies;

namespace RorNational.IntegrationTests.Access;

/// <summary>
/// The access policy on resources shaped as the national guide's examples, including the data
/// this server does not record yet (capacity, equipment, ORSAN, specific competences): what
/// each configured profile is served of them.
/// </summary>
public class redacting_resources
{
    private static JsonObject Level(string url, string level) => new()
    {
        ["url"] = url,
        ["valueCodeableConcept"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = T.Confidentiality, ["code"] = level }) },
    };

    private static JsonObject Coding(string system, string code) => new() { ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = code }) };

    private static JsonObject Capacity(string status, int count) => new()
    {
        ["url"] = E.LocationSupportedCapacity,
        ["extension"] = new JsonArray(
            new JsonObject { ["url"] = "capacityType", ["valueCodeableConcept"] = Coding("https://mos.esante.gouv.fr/NOS/TRE_R329-NatureCapacite/FHIR/TRE-R329-NatureCapacite", "01") },
            new JsonObject { ["url"] = "capacityStatus", ["valueCodeableConcept"] = Coding("https://mos.esante.gouv.fr/NOS/TRE_R330-TypeStatutCapacite/FHIR/TRE-R330-TypeStatutCapacite", status) },
            new JsonObject { ["url"] = "nbCapacity", ["valueInteger"] = count }),
    };

    private static JsonObject Location() => new()
    {
        ["resourceType"] = "Location",
        ["id"] = "lieu",
        ["meta"] = new JsonObject { ["versionId"] = "7" },
        ["name"] = "UNITE DE SURVEILLANCE CONTINUE",
        ["telecom"] = new JsonArray(new JsonObject { ["system"] = "phone", ["value"] = "0102030405", ["extension"] = new JsonArray(Level(E.TelecomConfidentialityLevel, "1")) }),
        ["extension"] = new JsonArray(
            Capacity("01", 15), Capacity("02", 3), Capacity("06", 2),
            new JsonObject { ["url"] = E.LocationEquipment, ["extension"] = new JsonArray(new JsonObject { ["url"] = "nbInService", ["valueInteger"] = 1 }) }),
    };

    private static JsonObject Service(string field, bool sensitive) => new()
    {
        ["resourceType"] = "HealthcareService",
        ["id"] = "uo",
        ["meta"] = new JsonObject { ["versionId"] = "3" },
        ["type"] = new JsonArray(Coding(T.ChampActivite, field)),
        ["name"] = "Unité",
        ["characteristic"] = new JsonArray(Coding(T.ModePriseEnCharge, "28"), Coding(T.CompetenceSpecifique, "012")),
        ["extension"] = new JsonArray(
            new JsonObject { ["url"] = E.SensitiveUnit, ["valueBoolean"] = sensitive },
            Contact("Accueil", "1", ("0400000001", "1"), ("0400000002", "2")),
            Contact("Cadre", "2", ("0400000003", "2")),
            Contact("Regulation", "3", ("0400000004", "3"))),
    };

    private static JsonObject Contact(string name, string level, params (string Number, string Level)[] telecoms)
    {
        var contact = new JsonArray(new JsonObject { ["url"] = "name", ["valueHumanName"] = new JsonObject { ["text"] = name } }, Level(E.ConfidentialityLevel, level));
        foreach (var (number, telecomLevel) in telecoms)
            contact.Add(new JsonObject
            {
                ["url"] = E.ContactTelecom,
                ["extension"] = new JsonArray(Level(E.TelecomConfidentialityLevel, telecomLevel), new JsonObject { ["url"] = "telecomAddress", ["valueString"] = number }),
            });
        return new JsonObject { ["url"] = E.HealthcareServiceContact, ["extension"] = contact };
    }

    private static string Served(JsonObject resource, string profile)
    {
        var json = resource.ToJsonString(RorNational.Fhir.FhirJson.Options);
        return Redaction.ForProfile(json, Redaction.ClassSetsOf(JsonNode.Parse(json)!.AsObject()), ConfiguredProfiles.Of(profile));
    }

    private static string[] Numbers(string json) =>
        [.. new[] { "0400000001", "0400000002", "0400000003", "0400000004" }.Where(json.Contains)];

    [TestCase("public", new[] { "0400000001" })]
    [TestCase("professional", new[] { "0400000001", "0400000002", "0400000003" })]
    [TestCase("crisis", new[] { "0400000001", "0400000002", "0400000003", "0400000004" })]
    [TestCase("installed-capacity", new[] { "0400000001", "0400000002", "0400000003" })]
    [TestCase("no-contacts", new string[0])]
    public void each_profile_sees_the_contacts_of_its_levels(string profile, string[] numbers)
    {
        var served = Served(Service("01", sensitive: false), profile);
        Assert.That(Numbers(served), Is.EqualTo(numbers));
        Assert.That(served.Contains("Regulation"), Is.EqualTo(profile == "crisis"), "a level-3 contact goes with its name");
    }

    [Test]
    public void the_medico_social_profile_sees_level_2_in_the_medico_social_field_only()
    {
        Assert.That(Numbers(Served(Service("04", sensitive: false), "medico-social")), Is.EqualTo(new[] { "0400000001", "0400000002", "0400000003" }));
        Assert.That(Numbers(Served(Service("01", sensitive: false), "medico-social")), Is.EqualTo(new[] { "0400000001" }));
        Assert.That(Served(Service("01", sensitive: false), "medico-social"), Does.Not.Contain(T.CompetenceSpecifique));
        Assert.That(Served(Service("04", sensitive: false), "medico-social"), Does.Contain(T.CompetenceSpecifique));
    }

    [Test]
    public void a_sensitive_unit_shows_only_its_id_and_metadata_to_the_profiles_that_hide_it()
    {
        foreach (var profile in new[] { "public", "professional", "medico-social", "installed-capacity" })
        {
            var served = JsonNode.Parse(Served(Service("01", sensitive: true), profile))!.AsObject();
            Assert.That(served.Select(p => p.Key), Is.EquivalentTo(new[] { "resourceType", "id", "meta" }), profile);
            Assert.That(served["meta"]!["versionId"]!.GetValue<string>(), Is.EqualTo("3"), "the version of the stored resource");
            Assert.That(served["meta"]!["security"]![0]!["code"]!.GetValue<string>(), Is.EqualTo("REDACTED"));
        }
        Assert.That(Served(Service("01", sensitive: true), "crisis"), Does.Contain("Unité"));
    }

    [Test]
    public void an_older_version_hides_a_telecom_raised_later_as_a_whole_and_keeps_its_contact()
    {
        var older = Service("01", sensitive: false);
        var later = Service("01", sensitive: false);
        // Later, the first telecom of the level-1 contact "Accueil" is raised to level 3.
        var accueil = later["extension"]!.AsArray()[1]!["extension"]!.AsArray();
        accueil[2]!["extension"]!.AsArray()[0] = Level(E.TelecomConfidentialityLevel, "3");
        var json = older.ToJsonString(RorNational.Fhir.FhirJson.Options);
        var since = ClassesSince.Nothing.And(later);

        var served = Redaction.ForProfile(json, Redaction.ClassSetsOf(JsonNode.Parse(json)!.AsObject()), ConfiguredProfiles.Of("professional"), since);

        Assert.That(Numbers(served), Is.EqualTo(new[] { "0400000002", "0400000003" }));
        Assert.That(served, Does.Contain("Accueil").And.Contain("REDACTED"));
        var contact = JsonNode.Parse(served)!["extension"]!.AsArray().OfType<JsonObject>()
            .First(e => e.ToJsonString().Contains("Accueil"))["extension"]!.AsArray();
        Assert.That(contact.Count(e => e!["url"]!.GetValue<string>() == E.ContactTelecom), Is.EqualTo(1), "the raised telecom goes whole, its sibling stays");
    }

    [Test]
    public void specific_competences_are_hidden_from_the_public()
    {
        Assert.That(Served(Service("01", sensitive: false), "public"), Does.Not.Contain(T.CompetenceSpecifique).And.Contain(T.ModePriseEnCharge));
        Assert.That(Served(Service("01", sensitive: false), "professional"), Does.Contain(T.CompetenceSpecifique));
    }

    [TestCase("public", new string[0], false)]
    [TestCase("professional", new[] { "01", "02" }, true)]
    [TestCase("installed-capacity", new[] { "01" }, true)]
    [TestCase("no-contacts", new[] { "01", "02", "06" }, true)]
    [TestCase("crisis", new[] { "01", "02", "06" }, true)]
    public void capacity_and_equipment_follow_the_profile(string profile, string[] statuses, bool equipment)
    {
        var served = JsonNode.Parse(Served(Location(), profile))!.AsObject();
        var seen = (served["extension"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(e => e["url"]!.GetValue<string>() == E.LocationSupportedCapacity)
            .Select(e => e["extension"]!.AsArray().First(x => x!["url"]!.GetValue<string>() == "capacityStatus")!["valueCodeableConcept"]!["coding"]![0]!["code"]!.GetValue<string>());
        Assert.That(seen, Is.EqualTo(statuses));
        Assert.That(served.ToJsonString().Contains(E.LocationEquipment), Is.EqualTo(equipment));
    }

    [Test]
    public void orsan_levels_and_drop_zones_are_for_crisis_management_only()
    {
        var organization = new JsonObject
        {
            ["resourceType"] = "Organization",
            ["id"] = "eg",
            ["name"] = "CH",
            ["extension"] = new JsonArray(
                new JsonObject { ["url"] = E.DropZone, ["valueBoolean"] = true },
                new JsonObject { ["url"] = E.LevelRecourseOrsan, ["valueCodeableConcept"] = Coding("urn:test", "2") }),
        };
        foreach (var profile in ConfiguredProfiles.All.All.Where(p => p.Id != "crisis"))
            Assert.That(Served(organization, profile.Id), Does.Not.Contain(E.DropZone).And.Not.Contain(E.LevelRecourseOrsan).And.Not.Contain("\"extension\""), profile.Id);
        Assert.That(Served(organization, "crisis"), Does.Contain(E.DropZone).And.Contain(E.LevelRecourseOrsan));
    }

    [Test]
    public void a_resource_with_nothing_hidden_is_served_as_stored()
    {
        var json = new JsonObject { ["resourceType"] = "Organization", ["id"] = "ej", ["name"] = "X" }.ToJsonString();
        Assert.That(Redaction.ForProfile(json, Redaction.ClassSetsOf(JsonNode.Parse(json)!.AsObject()), ConfiguredProfiles.Of("public")), Is.SameAs(json));
    }

    [Test]
    public void a_profile_naming_an_unknown_data_class_is_refused_at_start_up()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Access:Profiles:odd:Code"] = "PX",
            ["Access:Profiles:odd:Hides:0"] = "Capacity+Telepathy",
        }).Build();
        Assert.That(() => AccessProfiles.From(configuration), Throws.InvalidOperationException.With.Message.Contains("Telepathy"));
    }
}
