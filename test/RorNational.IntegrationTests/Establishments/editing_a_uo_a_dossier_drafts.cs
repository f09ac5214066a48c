using System.Net;
using System.Net.Http.Json;
using Hl7.Fhir.Model;
using RorNational.Fhir;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Establishments;

/// <summary>
/// Accepting a dossier publishes each drafted fiche whole: a direct edit of a UO the open
/// dossier drafts would be undone silently, so it is refused with 409 naming the dossier.
/// </summary>
public sealed class editing_a_uo_a_dossier_drafts : ApiFixture
{
    private const string ContentOf = $"/api/establishments/{EG}/uo/uo-cardio-hc/content";

    [SetUp]
    public Task GivenAPublishedHospital() => Client.PublishHospital();

    [Test]
    public async Task a_direct_edit_is_refused_with_409_naming_the_dossier_and_acceptance_publishes_the_draft()
    {
        var dossier = await Client.OpenDossier();
        await Client.DraftFiche(dossier, "uo-cardio-hc", UO("Cardiologie HC")).EnsureOk();
        var before = await App.StreamVersion(EG);

        var edit = await Client.PutAsJsonAsync(ContentOf, Content(16));

        var outcome = await edit.AssertRefused(HttpStatusCode.Conflict, null);
        Assert.That(outcome.Issue.Single().Diagnostics, Does.StartWith($"uo-cardio-hc is drafted in dossier {dossier}"));
        Assert.That(await App.StreamVersion(EG), Is.EqualTo(before), "nothing written");

        await Client.Finalize(dossier, "uo-cardio-hc").EnsureOk();
        await Client.Submit(dossier).EnsureOk();
        await AssertDirectEditRefused("a submitted dossier still drafts it");
        await Client.Accept(dossier).EnsureOk();

        var service = await PublishedUO();
        Assert.That(service.Name, Is.EqualTo("Cardiologie HC"));
        Assert.That(LowAge(service), Is.EqualTo(18m), "the drafted content, as the dossier proposed it");
        await Client.PutAsJsonAsync(ContentOf, Content(16)).EnsureOk();
        Assert.That(LowAge(await PublishedUO()), Is.EqualTo(16m), "once the dossier is accepted, the UO is edited directly again");
    }

    [Test]
    public async Task a_rejected_dossier_frees_the_uo_for_direct_edits()
    {
        var dossier = await Client.SubmitDossier(("uo-cardio-hc", UO("Cardiologie HC")));
        await AssertDirectEditRefused("drafted in the submitted dossier");

        await Client.Reject(dossier, "nom non conforme").EnsureOk();

        await Client.PutAsJsonAsync(ContentOf, Content(16)).EnsureOk();
        Assert.That(LowAge(await PublishedUO()), Is.EqualTo(16m));
    }

    [Test]
    public async Task a_uo_the_dossier_does_not_draft_is_edited_directly_beside_it()
    {
        var dossier = await Client.OpenDossier();
        await Client.DraftFiche(dossier, "lieu-batiment-a", Lieu()).EnsureOk();

        await Client.PutAsJsonAsync(ContentOf, Content(16)).EnsureOk();

        Assert.That(LowAge(await PublishedUO()), Is.EqualTo(16m));
    }

    private async System.Threading.Tasks.Task AssertDirectEditRefused(string because) =>
        Assert.That((await Client.PutAsJsonAsync(ContentOf, Content(16))).StatusCode, Is.EqualTo(HttpStatusCode.Conflict), because);

    private async Task<HealthcareService> PublishedUO()
    {
        var id = await Client.FhirIdOfUnit("HealthcareService", "010000024-uo-cardio-hc");
        return FhirJson.Parse<HealthcareService>(await Client.GetStringAsync($"/fhir/HealthcareService/{id}"));
    }

    private static decimal? LowAge(HealthcareService service) =>
        ((Hl7.Fhir.Model.Range)service.GetExtension("https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-healthcareservice-patient-type")!
            .GetExtension("ageRange")!.Value!).Low!.Value;
}
