using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using RorNational.Fhir;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Search;
using RorNational.IntegrationTests.Validation;

namespace RorNational.IntegrationTests.Practitioners;

/// <summary>
/// The rest of ror-practitionerrole: the identity of exercise (ror-practitionerrole-name), the
/// know-how slices J232, J211–J216, the convention sector (J218), the OPTAM option and the carte
/// Vitale (the Annuaire Santé's extensions), and the role's comment (ror-meta-comment). From the
/// editor's UO content to the resource, its search on the specialty slices, its redaction in a
/// sensitive unit, and its validation. Planted: a cardiologist in a ville UO of the maison de
/// santé (010009876), and the same professional in a sensitive ville UO.
/// </summary>
public sealed class describing_a_role_s_exercise : SearchFixture
{
    private const string Msp = "eg-010009876";
    private const string Cardiologist = "10100000134";
    private const string Annuaire = "https://interop.esante.gouv.fr/ig/fhir/annuaire/StructureDefinition/";
    private const string Ror = "https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/";

    private string Role => Unit($"010009876-uo-cardio-ville-{Cardiologist}");
    private string SensitiveRole => Unit($"010009876-uo-cardio-sensible-{Cardiologist}");

    /// <summary>A role with every element of the profile beyond the basic ones.</summary>
    public static JsonObject FullRole(string rpps)
    {
        var role = PractitionerRequests.Role(rpps, "10", "SM04");
        role["exerciseName"] = new JsonObject { ["title"] = "DR", ["lastName"] = "GARNIER-EXERCICE", ["firstName"] = "Paul" };
        role["knowHow"] = new JsonObject
        {
            ["competence"] = "C07", ["exclusiveCompetence"] = "CEX64", ["expertiseCapacity"] = "CAPA05",
            ["qualificationPac"] = "PAC00", ["nonQualifyingDesc"] = "DSM213", ["supplementaryExerciseRight"] = "DEC12",
        };
        role["contracted"] = "2";
        role["optionCas"] = true;
        role["vitaleAccepted"] = true;
        role["comment"] = "Consultations sans rendez-vous le mardi matin";
        return role;
    }

    protected override async Task LoadMoreData()
    {
        await Client.RecordPractitioner(Cardiologist, PractitionerRequests.Identity("GARNIER")).EnsureOk();
        await PublishStructure(Client, Msp,
            ("uo-cardio-ville", PractitionerRequests.VilleUO("Cardiologie de ville", sensitive: false, FullRole(Cardiologist))),
            ("uo-cardio-sensible", PractitionerRequests.VilleUO("Cardiologie de ville (sensible)", sensitive: true, FullRole(Cardiologist))));
    }

    [Test]
    public async Task each_element_is_published_where_ror_practitionerrole_puts_it()
    {
        var role = FhirJson.Parse<PractitionerRole>(await Client.GetStringAsync($"/fhir/PractitionerRole/{Role}"));

        Assert.That(role.Specialty.SelectMany(s => s.Coding).Select(c => c.Code),
            Is.EqualTo(new[] { "S", "SM04", "C07", "CEX64", "CAPA05", "PAC00", "DSM213", "DEC12" }), "the profile's slice order");
        Assert.That(role.Specialty[2].Coding.Single().System, Is.EqualTo("https://mos.esante.gouv.fr/NOS/TRE_R39-Competence/FHIR/TRE-R39-Competence"));
        Assert.That(role.Specialty[7].Coding.Single().System, Is.EqualTo("https://mos.esante.gouv.fr/NOS/TRE_R97-DroitExerciceCompl/FHIR/TRE-R97-DroitExerciceCompl"));
        Assert.That(role.Extension.Select(e => e.Url), Is.EqualTo(new[]
        {
            Ror + "ror-practitionerrole-unit-exercise-mode", Ror + "ror-practitionerrole-name", Annuaire + "as-ext-practitionerrole-contracted",
            Annuaire + "as-ext-practitionerrole-hascas", Annuaire + "as-ext-practitionerrole-vitale-accepted", Ror + "ror-meta-creation-date",
            Ror + "ror-meta-comment",
        }));
        var name = role.GetExtension(Ror + "ror-practitionerrole-name")!;
        Assert.That(name.GetExtensionValue<CodeableConcept>("exerciseTitle")!.Coding.Single().Code, Is.EqualTo("DR"));
        Assert.That(name.GetExtensionValue<FhirString>("exerciseLastName")!.Value, Is.EqualTo("GARNIER-EXERCICE"));
        Assert.That(name.GetExtensionValue<FhirString>("exerciseFirstName")!.Value, Is.EqualTo("Paul"));
        Assert.That(role.GetExtensionValue<CodeableConcept>(Annuaire + "as-ext-practitionerrole-contracted")!.Coding.Single().Code, Is.EqualTo("2"));
        Assert.That(role.GetBoolExtension(Annuaire + "as-ext-practitionerrole-hascas"), Is.True);
        Assert.That(role.GetBoolExtension(Annuaire + "as-ext-practitionerrole-vitale-accepted"), Is.True);
        Assert.That(role.GetStringExtension(Ror + "ror-meta-comment"), Is.EqualTo("Consultations sans rendez-vous le mardi matin"));
    }

    [TestCase("PractitionerRole?specialty=CAPA05&role=10")]
    [TestCase("PractitionerRole?specialty=https://mos.esante.gouv.fr/NOS/TRE_R39-Competence/FHIR/TRE-R39-Competence|C07")]
    [TestCase("PractitionerRole?specialty=DSM213&specialty=DEC12")]
    [TestCase("PractitionerRole?_filter=specialty%20eq%20PAC00")]
    public async Task the_know_how_slices_are_searched_by_specialty(string query)
    {
        Assert.That(await Matches(query), Is.EquivalentTo(new[] { Role, SensitiveRole }), query + " (the editor sees the sensitive unit too)");
    }

    [Test]
    public async Task the_elements_follow_the_role_s_redaction()
    {
        var publicClient = App.ClientFor("test-consumer-public");
        var crisis = App.ClientFor("test-consumer-crisis");

        Assert.That(await publicClient.GetStringAsync($"/fhir/PractitionerRole/{Role}"), Does.Contain("GARNIER-EXERCICE").And.Contain("CAPA05"),
            "a role in the ville offer is free access");
        Assert.That(await publicClient.GetStringAsync($"/fhir/PractitionerRole/{SensitiveRole}"),
            Does.Not.Contain("GARNIER-EXERCICE").And.Not.Contain("CAPA05").And.Not.Contain("sans rendez-vous"));
        Assert.That(await crisis.GetStringAsync($"/fhir/PractitionerRole/{SensitiveRole}"), Does.Contain("GARNIER-EXERCICE").And.Contain("sans rendez-vous"));
        var found = await publicClient.GetFromJsonAsync<JsonObject>("/fhir/PractitionerRole?specialty=CAPA05");
        Assert.That(found!["total"]!.GetValue<int>(), Is.EqualTo(1), "the sensitive role is not matched for P0");
    }

    [Test]
    public async Task the_roles_are_valid_against_the_ror_profile()
    {
        var resources = new List<string>
        {
            await Client.GetStringAsync($"/fhir/PractitionerRole/{Role}"),
            await Client.GetStringAsync($"/fhir/PractitionerRole/{SensitiveRole}"),
        };

        var report = await new FhirValidator().ValidateAsync(resources);

        Assert.That(report.Errors, Is.Empty, report.ToString());
    }

    [TestCase("exerciseName", "{\"title\":\"XX\",\"lastName\":\"A\"}", "exerciseName.title")]
    [TestCase("exerciseName", "{\"firstName\":\"Paul\"}", "exerciseName.lastName")]
    [TestCase("knowHow", "{\"competence\":\"C99\"}", "knowHow.competence")]
    [TestCase("knowHow", "{\"exclusiveCompetence\":\"CEX01\"}", "knowHow.exclusiveCompetence")]
    [TestCase("knowHow", "{\"specificOrientation\":\"not a code!\"}", "knowHow.specificOrientation")]
    [TestCase("knowHow", "{\"expertiseCapacity\":\"CAPA99\"}", "knowHow.expertiseCapacity")]
    [TestCase("knowHow", "{\"qualificationPac\":\"PAC01\"}", "knowHow.qualificationPac")]
    [TestCase("knowHow", "{\"nonQualifyingDesc\":\"DSM199\"}", "knowHow.nonQualifyingDesc")]
    [TestCase("knowHow", "{\"supplementaryExerciseRight\":\"DEC25\"}", "knowHow.supplementaryExerciseRight")]
    [TestCase("contracted", "\"c1\"", "contracted")]
    [TestCase("comment", "1001 characters", "comment")]
    public async Task a_bad_code_is_refused_naming_its_path_and_nothing_is_stored(string field, string value, string path)
    {
        var role = FullRole(Cardiologist);
        role[field] = field == "comment" ? new string('x', 1001) : JsonNode.Parse(value);
        var before = await Client.GetStringAsync($"/fhir/PractitionerRole/{Role}");

        var response = await Client.PutAsJsonAsync($"/api/establishments/{Msp}/uo/uo-cardio-ville/content", PractitionerRequests.Content(false, role));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain($"\"expression\":[\"practitionerRoles[0].{path}\"]"));
        Assert.That(await Client.GetStringAsync($"/fhir/PractitionerRole/{Role}"), Is.EqualTo(before));
    }
}
