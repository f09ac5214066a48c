using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using RorNational.Fhir;
using Marten.Events;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Establishments;

public sealed class publishing_through_a_dossier : ApiFixture
{
    [Test]
    public async Task drafts_are_invisible_to_fhir_until_the_dossier_is_accepted()
    {
        await Client.Register(Requests.Registration()).EnsureOk();
        var dossier = await Client.SubmitDossier(HospitalFiches);

        Assert.That(await Client.GetStringAsync("/fhir/HealthcareService?identifier=84/010000024-uo-cardio-hc"), Does.Contain("\"total\":0"));
        Assert.That(await Client.GetStringAsync($"/fhir/Location?{UnitIds.IdentifierQuery("010000024-lieu-batiment-a")}"), Does.Contain("\"total\":0"));
        var eg = await Client.GetAsync("/fhir/Organization/" + EG);
        Assert.That(eg.Headers.ETag?.ToString(), Is.EqualTo("W/\"1\""), "drafting does not touch the published EG");

        await Client.Accept(dossier).EnsureOk();

        var uo = await Client.FhirIdOfUnit("HealthcareService", "010000024-uo-cardio-hc");
        Assert.That((await Client.GetAsync($"/fhir/HealthcareService/{uo}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Client.GetAsync("/fhir/Organization/" + EG)).Headers.ETag?.ToString(), Is.EqualTo("W/\"1\""),
            "the EG's own resource did not change");
    }

    [Test]
    public async Task an_accepted_dossier_publishes_the_whole_structure_at_once()
    {
        await Client.PublishHospital();
        var units = await Client.AllUnitIdsAsync();

        var service = FhirJson.Parse<HealthcareService>(await Client.GetStringAsync($"/fhir/HealthcareService/{units["010000024-uo-cardio-hc"]}"));
        Assert.That(service.Meta!.Profile, Is.EqualTo(new[] { "https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-healthcareservice" }));
        Assert.That(service.Meta.Tag.Single().Code, Is.EqualTo("84"), "Bourg-en-Bresse is in Auvergne-Rhône-Alpes");
        Assert.That(service.ProvidedBy!.Reference, Is.EqualTo($"Organization/{units["010000024-uf-cardio-hc"]}"));
        Assert.That(service.Location.Single().Reference, Is.EqualTo($"Location/{units["010000024-lieu-batiment-a"]}"));
        Assert.That(service.Identifier.Select(i => i.Value), Does.Contain("84/010000024-uo-cardio-hc"), "the guide's offer identifier holds the editor's id");
        Assert.That(service.Characteristic.Single().Coding.Single().Code, Is.EqualTo("28"));
        Assert.That(service.GetExtension("https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-meta-creation-date"), Is.Not.Null);

        var uf = FhirJson.Parse<Organization>(await Client.GetStringAsync($"/fhir/Organization/{units["010000024-uf-cardio-hc"]}"));
        Assert.That(uf.PartOf!.Reference, Is.EqualTo($"Organization/{units["010000024-cardiologie"]}"));
        var pole = FhirJson.Parse<Organization>(await Client.GetStringAsync($"/fhir/Organization/{units["010000024-pole-medecine"]}"));
        Assert.That(pole.PartOf!.Reference, Is.EqualTo("Organization/" + EG));

        var location = FhirJson.Parse<Location>(await Client.GetStringAsync($"/fhir/Location/{units["010000024-lieu-batiment-a"]}"));
        Assert.That(location.ManagingOrganization!.Reference, Is.EqualTo("Organization/" + EG));
        Assert.That(location.Identifier.Select(i => i.Value), Does.Contain("1010000024/CARDIO-HC"));
        Assert.That(location.Position!.Latitude, Is.EqualTo(46.2135m));
    }

    [Test]
    public async Task a_rejected_dossier_leaves_fhir_unchanged()
    {
        await Client.PublishHospital();
        var uo = await Client.FhirIdOfUnit("HealthcareService", "010000024-uo-cardio-hc");
        var before = await Client.GetStringAsync($"/fhir/HealthcareService/{uo}");

        var dossier = await Client.SubmitDossier(("uo-cardio-hc", UO("Cardio HC renommée")));
        (await Client.Reject(dossier, "nomenclature régionale non respectée").EnsureOk()).Dispose();

        Assert.That(await Client.GetStringAsync($"/fhir/HealthcareService/{uo}"), Is.EqualTo(before));
    }

    [Test]
    public async Task a_uo_missing_mandatory_fields_cannot_be_finalized_and_each_field_is_named()
    {
        await Client.Register(Requests.Registration()).EnsureOk();
        var dossier = await Client.OpenDossier();
        await Client.DraftFiche(dossier, "uo-vide", new JsonObject { ["type"] = "UO", ["uo"] = new JsonObject() }).EnsureOk();

        var response = await Client.Finalize(dossier, "uo-vide");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        var outcome = FhirJson.Parse<OperationOutcome>(await response.Content.ReadAsStringAsync());
        Assert.That(outcome.Issue.Select(i => i.Expression.Single()), Is.EquivalentTo(new[]
        {
            "name", "uo.champActivite", "uo.modePriseEnCharge", "uo.activitesOperationnelles", "uo.lieuIds", "uo.content.ageRange",
        }));
        Assert.That(outcome.Issue, Has.All.Matches<OperationOutcome.IssueComponent>(i => i.Code == OperationOutcome.IssueType.BusinessRule));
    }

    [Test]
    public async Task a_second_dossier_cannot_open_while_one_is_open()
    {
        await Client.Register(Requests.Registration()).EnsureOk();
        await Client.OpenDossier();

        var second = await Client.PostAsync($"/api/establishments/{EG}/dossiers", null);

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task a_unit_removed_by_an_accepted_dossier_is_gone()
    {
        await Client.PublishHospital();
        var units = await Client.AllUnitIdsAsync();
        await Client.RemoveThroughDossier("uo-cardio-hc");

        var response = await Client.GetAsync($"/fhir/HealthcareService/{units["010000024-uo-cardio-hc"]}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Gone));
        Assert.That((await Client.GetAsync($"/fhir/Location/{units["010000024-lieu-batiment-a"]}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task a_current_if_match_is_accepted_and_the_new_version_answered()
    {
        await Client.Register(Requests.Registration()).EnsureOk();
        var current = (await Client.GetAsync($"/api/establishments/{EG}")).Headers.ETag!.ToString();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/establishments/{EG}/dossiers");
        request.Headers.TryAddWithoutValidation("If-Match", current);

        var response = await Client.SendAsync(request);

        Assert.That(current, Is.EqualTo("W/\"1\""));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await Client.GetAsync($"/api/establishments/{EG}")).Headers.ETag?.ToString(), Is.EqualTo("W/\"2\""));
    }

    [Test]
    public async Task a_stale_if_match_is_a_failed_precondition_and_changes_nothing()
    {
        await Client.Register(Requests.Registration()).EnsureOk();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/establishments/{EG}/dossiers");
        request.Headers.TryAddWithoutValidation("If-Match", "W/\"7\"");

        var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
        var current = await Client.GetAsync($"/api/establishments/{EG}");
        Assert.That(current.Headers.ETag?.ToString(), Is.EqualTo("W/\"1\""));
        Assert.That((await current.ReadJson())["openDossier"], Is.Null);
    }

    [Test]
    public async Task concurrent_commands_with_the_same_if_match_one_wins_and_every_other_is_a_failed_precondition()
    {
        await Client.Register(Requests.Registration()).EnsureOk();
        var current = (await Client.GetAsync($"/api/establishments/{EG}")).Headers.ETag!.ToString();

        // Some of these lose at the If-Match check, others only at commit, when Marten finds
        // the stream moved since they fetched it: both are the caller's stale If-Match.
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
        {
            var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/establishments/{EG}")
            {
                Content = JsonContent.Create(new { operationalName = $"Clinique {i}" }),
            };
            request.Headers.TryAddWithoutValidation("If-Match", current);
            return Client.SendAsync(request);
        }));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(1), string.Join(", ", statuses));
        Assert.That(statuses.Where(s => s != HttpStatusCode.OK), Has.All.EqualTo(HttpStatusCode.PreconditionFailed));
        Assert.That((await Client.GetAsync($"/api/establishments/{EG}")).Headers.ETag?.ToString(), Is.EqualTo("W/\"2\""));
    }

    [Test]
    public async Task the_timeline_tells_who_drafted_submitted_and_accepted()
    {
        await Client.PublishHospital();

        await App.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var timeline = await Client.GetFromJsonAsync<JsonObject>($"/api/establishments/{EG}/timeline");

        var events = timeline!["entries"]!.AsArray().Select(e => e!["event"]!.GetValue<string>()).ToList();
        Assert.That(events.First(), Is.EqualTo("eg_registered"));
        Assert.That(events, Does.Contain("dossier_opened").And.Contain("fiche_finalized").And.Contain("dossier_submitted"));
        Assert.That(events.Last(), Is.EqualTo("dossier_accepted"));
    }
}
