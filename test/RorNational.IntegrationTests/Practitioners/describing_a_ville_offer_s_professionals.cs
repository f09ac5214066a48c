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
/// The ville offer's professionals, from the editor's commands to the ror-practitioner and
/// ror-practitionerrole resources, their searches, includes and redaction. The data: the samples'
/// maison de santé (010009876) with a general practitioner (RPPS 10101234567, her role's telecom
/// and her MSS mailbox at level 2) and a masseur-kinésithérapeute (10107654321, level 1), and here a
/// sensitive ville UO of the same maison de santé with a psychiatrist (10100000019) working only there.
/// </summary>
public sealed class describing_a_ville_offer_s_professionals : SearchFixture
{
    private const string Msp = "eg-010009876";
    private const string Gp = "10101234567";
    private const string Kine = "10107654321";
    private const string Psychiatrist = "10100000019";
    private const string G15 = "https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/FHIR/TRE-G15-ProfessionSante";

    private string VilleUO => Unit("010009876-uo-soins-de-ville");
    private string SensitiveVilleUO => Unit("010009876-uo-psy-ville");
    private string KineRole => Unit($"010009876-uo-soins-de-ville-{Kine}");
    private string GpRole => Unit($"010009876-uo-soins-de-ville-{Gp}");
    private string PsychiatristRole => Unit($"010009876-uo-psy-ville-{Psychiatrist}");

    protected override async Task LoadMoreData()
    {
        await Client.RecordPractitioner(Psychiatrist, PractitionerRequests.Identity("LEBRUN")).EnsureOk();
        await PublishStructure(Client, Msp, ("uo-psy-ville",
            PractitionerRequests.VilleUO("Consultations de psychiatrie de ville", sensitive: true, PractitionerRequests.Role(Psychiatrist, "10", "SM42"))));
    }

    [Test]
    public async Task recording_a_professional_publishes_a_ror_practitioner_and_a_change_a_new_version()
    {
        const string rpps = "10100000027";

        var recorded = await Client.RecordPractitioner(rpps, PractitionerRequests.Identity("MARCHAND")).EnsureOk();
        var again = await Client.RecordPractitioner(rpps, PractitionerRequests.Identity("MARCHAND")).EnsureOk();
        var stale = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/practitioners/{rpps}")
        {
            Content = JsonContent.Create(PractitionerRequests.Identity("MARCHAND-DURAND")), Headers = { { "If-Match", "W/\"7\"" } },
        });
        var changed = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/practitioners/{rpps}")
        {
            Content = JsonContent.Create(PractitionerRequests.Identity("MARCHAND-DURAND")), Headers = { { "If-Match", "W/\"1\"" } },
        });

        Assert.That(recorded.Headers.ETag!.ToString(), Is.EqualTo("W/\"1\""));
        Assert.That((await again.ReadJson())["changed"]!.GetValue<bool>(), Is.False, "the same identity changes nothing");
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
        Assert.That((int)changed.StatusCode, Is.EqualTo(200), await changed.Content.ReadAsStringAsync());
        Assert.That(changed.Headers.ETag!.ToString(), Is.EqualTo("W/\"2\""));
        var view = await Client.GetAsync($"/api/practitioners/{rpps}");
        Assert.That(view.Headers.ETag!.ToString(), Is.EqualTo("W/\"2\""));

        var practitioner = FhirJson.Parse<Practitioner>(await Client.GetStringAsync($"/fhir/Practitioner/practitioner-{rpps}"));
        Assert.That(practitioner.Meta!.Profile, Is.EqualTo(new[] { "https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-practitioner" }));
        Assert.That(practitioner.Meta.VersionId, Is.EqualTo("2"));
        var identifier = practitioner.Identifier.Single();
        Assert.That((identifier.System, identifier.Value), Is.EqualTo(("urn:oid:1.2.250.1.71.4.2.1", "8" + rpps)));
        Assert.That(practitioner.Name.Single().Prefix, Is.EqualTo(new[] { "MME" }));
        Assert.That(practitioner.Name.Single().Family, Is.EqualTo("MARCHAND-DURAND"));
        Assert.That(practitioner.Telecom.Single().Extension.Select(e => e.Url),
            Has.Some.EndsWith("/ror-telecom-communication-channel").And.Some.EndsWith("/ror-telecom-confidentiality-level"));
        Assert.That(practitioner.Extension.Select(e => e.Url), Has.Some.EndsWith("/ror-meta-creation-date"));
        var first = FhirJson.Parse<Practitioner>(await Client.GetStringAsync($"/fhir/Practitioner/practitioner-{rpps}/_history/1"));
        Assert.That(first.Name.Single().Family, Is.EqualTo("MARCHAND"));
        var history = FhirJson.Parse<Bundle>(await Client.GetStringAsync($"/fhir/Practitioner/practitioner-{rpps}/_history"));
        Assert.That(history.Entry, Has.Count.EqualTo(2));
    }

    [TestCase("1234", "{\"familyName\":\"X\"}", "rpps")]
    [TestCase("10100000035", "{\"familyName\":\"X\",\"civility\":\"DR\"}", "civility")]
    [TestCase("10100000035", "{\"givenNames\":[\"Anne\"]}", "familyName")]
    [TestCase("10100000035", "{\"familyName\":\"X\",\"mailboxes\":[{\"channel\":\"99\",\"value\":\"a@b.fr\",\"confidentiality\":1}]}", "mailboxes[0].channel")]
    public async Task a_malformed_number_or_identity_is_refused_naming_the_field(string rpps, string body, string field)
    {
        var response = await Client.PutAsync($"/api/practitioners/{rpps}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain($"\"expression\":[\"{field}\"]"));
        Assert.That((await Client.GetAsync("/fhir/Practitioner/practitioner-10100000035")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task an_editor_of_any_establishment_records_professionals_a_consumer_may_not()
    {
        var editor = await App.ClientFor(TestClients.Editor).RecordPractitioner("10100000043", PractitionerRequests.Identity("ROUX"));
        var consumer = await App.ClientFor(TestClients.Public).RecordPractitioner("10100000050", PractitionerRequests.Identity("ROUX"));

        Assert.That((int)editor.StatusCode, Is.EqualTo(200));
        Assert.That(consumer.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task a_role_of_an_unrecorded_professional_is_refused_by_a_direct_edit_and_at_finalization()
    {
        var unknown = PractitionerRequests.Role("10199999999", "70");
        var edit = await Client.PutAsJsonAsync($"/api/establishments/{Msp}/uo/uo-psy-ville/content",
            PractitionerRequests.Content(true, PractitionerRequests.Role(Psychiatrist, "10", "SM42"), unknown));
        var badCode = await Client.PutAsJsonAsync($"/api/establishments/{Msp}/uo/uo-psy-ville/content",
            PractitionerRequests.Content(true, PractitionerRequests.Role(Psychiatrist, "99", "SM42")));

        Assert.That((int)edit.StatusCode, Is.EqualTo(422));
        Assert.That(await edit.Content.ReadAsStringAsync(), Does.Contain("\"expression\":[\"practitionerRoles[1].rpps\"]"));
        Assert.That(badCode.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await badCode.Content.ReadAsStringAsync(), Does.Contain("\"expression\":[\"practitionerRoles[0].profession\"]"));

        var dossier = (await (await Client.PostAsync($"/api/establishments/{Msp}/dossiers", null).EnsureOk()).ReadJson())["dossierId"]!.GetValue<string>();
        await Client.PutAsJsonAsync($"/api/establishments/{Msp}/dossiers/{dossier}/fiches/uo-kine-2",
            PractitionerRequests.VilleUO("Kinésithérapie", sensitive: false, unknown)).EnsureOk();
        var finalize = await Client.PostAsync($"/api/establishments/{Msp}/dossiers/{dossier}/fiches/uo-kine-2/finalize", null);
        // The dossier closed again (a rejection needs it submitted): the fiche drafted without the role.
        await Client.PutAsJsonAsync($"/api/establishments/{Msp}/dossiers/{dossier}/fiches/uo-kine-2",
            PractitionerRequests.VilleUO("Kinésithérapie", sensitive: false)).EnsureOk();
        await Client.PostAsync($"/api/establishments/{Msp}/dossiers/{dossier}/fiches/uo-kine-2/finalize", null).EnsureOk();
        await Client.PostAsync($"/api/establishments/{Msp}/dossiers/{dossier}/submit", null).EnsureOk();
        await Client.PostAsJsonAsync($"/api/establishments/{Msp}/dossiers/{dossier}/reject", new { reason = "professionnel inconnu" }).EnsureOk();

        Assert.That((int)finalize.StatusCode, Is.EqualTo(422));
        Assert.That(await finalize.Content.ReadAsStringAsync(), Does.Contain("\"expression\":[\"uo.content.practitionerRoles[0].rpps\"]"));
    }

    [Test]
    public async Task a_role_is_published_where_ror_practitionerrole_puts_each_element()
    {
        var role = FhirJson.Parse<PractitionerRole>(await Client.GetStringAsync($"/fhir/PractitionerRole/{KineRole}"));

        Assert.That(role.Meta!.Profile, Is.EqualTo(new[] { "https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-practitionerrole" }));
        Assert.That(role.Meta.Tag.Single().Code, Is.EqualTo("84"), "Ambérieu-en-Bugey is in Auvergne-Rhône-Alpes");
        Assert.That(role.Practitioner!.Reference, Is.EqualTo($"Practitioner/practitioner-{Kine}"));
        Assert.That(role.HealthcareService.Single().Reference, Is.EqualTo($"HealthcareService/{VilleUO}"));
        Assert.That(role.Code.Single().Coding.Single().System, Is.EqualTo(G15));
        Assert.That(role.Code.Single().Coding.Single().Code, Is.EqualTo("70"));
        Assert.That(role.Specialty.SelectMany(s => s.Coding).Select(c => c.Code), Is.EqualTo(new[] { "CM" }));
        Assert.That(role.GetExtensionValue<CodeableConcept>("https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-practitionerrole-unit-exercise-mode")!
            .Coding.Single().Code, Is.EqualTo("L"));
        Assert.That(role.AvailableTime.Single().AvailableStartTime, Is.EqualTo("14:00:00"));
        Assert.That(role.Telecom.Single().Value, Is.EqualTo("0474325568"));
        var gp = FhirJson.Parse<PractitionerRole>(await Client.GetStringAsync($"/fhir/PractitionerRole/{GpRole}"));
        Assert.That(gp.Specialty.SelectMany(s => s.Coding).Select(c => c.Code), Is.EqualTo(new[] { "S", "SM54" }));
    }

    [TestCase("PractitionerRole?role=" + G15 + "|70", "kine-role")]
    [TestCase("PractitionerRole?role=10&specialty=SM54", "gp-role")]
    [TestCase("PractitionerRole?practitioner=Practitioner/practitioner-" + Kine, "kine-role")]
    [TestCase("PractitionerRole?identifier=urn:ror-national:unit-id|010009876-uo-soins-de-ville-" + Gp, "gp-role")]
    [TestCase("PractitionerRole?role=70&active=true", "kine-role")]
    [TestCase("Practitioner?family=FAVIER", "kine")]
    [TestCase("Practitioner?given=Claire", "gp")]
    [TestCase("Practitioner?identifier=urn:oid:1.2.250.1.71.4.2.1|8" + Kine, "kine")]
    public async Task the_guide_s_and_the_standard_parameters_find_the_professionals(string query, string expected)
    {
        var id = expected switch
        {
            "kine-role" => KineRole,
            "gp-role" => GpRole,
            "kine" => $"practitioner-{Kine}",
            _ => $"practitioner-{Gp}",
        };

        Assert.That(await Matches(query), Is.EqualTo(new[] { id }), query);
    }

    [Test]
    public async Task the_roles_of_an_offer_are_found_by_their_service()
    {
        Assert.That(await Matches($"PractitionerRole?service=HealthcareService/{VilleUO}"), Is.EquivalentTo(new[] { KineRole, GpRole }));
        Assert.That(await Matches($"PractitionerRole?service.service-type=05&role=70"), Is.EqualTo(new[] { KineRole }), "chained to the offer");
    }

    [Test]
    public async Task the_guide_s_st2_tail_brings_the_offer_s_roles_and_their_professionals()
    {
        var bundle = await Search($"HealthcareService?_id={VilleUO}&_include=HealthcareService:organization&_include:iterate=Organization:partof" +
                                  "&_include=HealthcareService:location&_revinclude=PractitionerRole:service&_include=PractitionerRole:practitioner");

        var included = bundle.Entry.Where(e => e.Search!.Mode == Bundle.SearchEntryMode.Include).Select(e => $"{e.Resource!.TypeName}/{e.Resource.Id}").ToList();
        Assert.That(included, Is.SupersetOf(new[]
        {
            $"PractitionerRole/{KineRole}", $"PractitionerRole/{GpRole}", $"Practitioner/practitioner-{Kine}", $"Practitioner/practitioner-{Gp}",
            "Organization/eg-010009876", $"Location/{Unit("010009876-lieu-cabinets")}",
        }));
        Assert.That(bundle.Entry.Where(e => e.Search!.Mode == Bundle.SearchEntryMode.Outcome), Is.Empty, "every include is understood");
    }

    [Test]
    public async Task a_role_in_a_sensitive_unit_shows_only_its_id_to_profiles_that_hide_sensitive_units_and_is_not_matched_for_them()
    {
        var visible = await App.ClientFor("test-consumer-crisis").GetStringAsync($"/fhir/PractitionerRole/{PsychiatristRole}");
        Assert.That(visible, Does.Contain("SM42"));
        foreach (var profile in new[] { "public", "professional", "medico-social", "installed-capacity" })
        {
            var client = App.ClientFor("test-consumer-" + profile);
            var read = await client.GetStringAsync($"/fhir/PractitionerRole/{PsychiatristRole}");
            Assert.That(read, Does.Not.Contain("SM42").And.Not.Contain("practitioner-" + Psychiatrist), profile);
            var search = await client.GetFromJsonAsync<JsonObject>("/fhir/PractitionerRole?specialty=SM42");
            Assert.That(search!["total"]!.GetValue<int>(), Is.Zero, profile);
            var tail = await client.GetStringAsync($"/fhir/HealthcareService?_id={SensitiveVilleUO}&_revinclude=PractitionerRole:service&_include=PractitionerRole:practitioner");
            Assert.That(tail, Does.Not.Contain(PsychiatristRole).And.Not.Contain("practitioner-" + Psychiatrist),
                $"{profile}: an include does not reveal that the hidden role exists");
        }
        var crisisTail = await App.ClientFor("test-consumer-crisis").GetStringAsync(
            $"/fhir/HealthcareService?_id={SensitiveVilleUO}&_revinclude=PractitionerRole:service&_include=PractitionerRole:practitioner");
        Assert.That(crisisTail, Does.Contain(PsychiatristRole).And.Contain("practitioner-" + Psychiatrist));
    }

    [Test]
    public async Task telecoms_of_roles_and_mailboxes_of_professionals_are_served_by_their_level()
    {
        var publicClient = App.ClientFor("test-consumer-public");
        var professional = App.ClientFor("test-consumer-professional");

        Assert.That(await publicClient.GetStringAsync($"/fhir/PractitionerRole/{GpRole}"), Does.Not.Contain("0474325567"), "level 2");
        Assert.That(await professional.GetStringAsync($"/fhir/PractitionerRole/{GpRole}"), Does.Contain("0474325567"));
        Assert.That(await publicClient.GetStringAsync($"/fhir/PractitionerRole/{KineRole}"), Does.Contain("0474325568"), "level 1");
        Assert.That(await publicClient.GetStringAsync($"/fhir/Practitioner/practitioner-{Gp}"), Does.Not.Contain("claire.berthier@"));
        Assert.That(await professional.GetStringAsync($"/fhir/Practitioner/practitioner-{Gp}"), Does.Contain("claire.berthier@"));
        Assert.That(await publicClient.GetStringAsync($"/fhir/Practitioner/practitioner-{Kine}"), Does.Contain("julien.favier@"));
    }

    [Test]
    public async Task the_professionals_and_their_roles_are_valid_against_the_ror_profiles()
    {
        var resources = new List<string>();
        foreach (var path in new[]
                 {
                     $"PractitionerRole/{KineRole}", $"PractitionerRole/{GpRole}", $"PractitionerRole/{PsychiatristRole}",
                     $"Practitioner/practitioner-{Kine}", $"Practitioner/practitioner-{Gp}", $"Practitioner/practitioner-{Psychiatrist}",
                 })
            resources.Add(await Client.GetStringAsync("/fhir/" + path));

        var report = await new FhirValidator().ValidateAsync(resources);

        Assert.That(report.Errors, Is.Empty, report.ToString());
    }
}
