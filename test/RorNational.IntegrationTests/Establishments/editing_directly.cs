using System.Net;
using System.Net.Http.Json;
using Hl7.Fhir.Model;
using RorNational.Fhir;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Establishments;

public sealed class editing_directly : ApiFixture
{
    [SetUp]
    public Task GivenAPublishedHospital() => Client.PublishHospital();

    [Test]
    public async Task the_content_of_a_published_uo_changes_without_a_dossier()
    {
        var response = await Client.PutAsJsonAsync($"/api/establishments/{EG}/uo/uo-cardio-hc/content", Content(16));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var read = await Client.GetAsync($"/fhir/HealthcareService/{await Client.FhirIdOfUnit("HealthcareService", "010000024-uo-cardio-hc")}");
        Assert.That(read.Headers.ETag?.ToString(), Is.EqualTo("W/\"2\""));
        var service = FhirJson.Parse<HealthcareService>(await read.Content.ReadAsStringAsync());
        var ages = (Hl7.Fhir.Model.Range)service.GetExtension("https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-healthcareservice-patient-type")!
            .GetExtension("ageRange")!.Value!;
        Assert.That(ages.Low!.Value, Is.EqualTo(16m));
    }

    [Test]
    public async Task the_same_content_again_changes_nothing()
    {
        var response = await Client.PutAsJsonAsync($"/api/establishments/{EG}/uo/uo-cardio-hc/content", Content(18));

        Assert.That((await response.ReadJson())["changed"]!.GetValue<bool>(), Is.False);
        var uo = await Client.FhirIdOfUnit("HealthcareService", "010000024-uo-cardio-hc");
        Assert.That((await Client.GetAsync($"/fhir/HealthcareService/{uo}")).Headers.ETag?.ToString(), Is.EqualTo("W/\"1\""));
    }

    [Test]
    public async Task a_finess_owned_field_is_refused_with_422_naming_it()
    {
        var response = await Client.PatchAsJsonAsync($"/api/establishments/{EG}", new { name = "Autre nom", operationalName = "CH Fleyriat" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        var outcome = FhirJson.Parse<OperationOutcome>(await response.Content.ReadAsStringAsync());
        Assert.That(outcome.Issue.Single().Expression.Single(), Is.EqualTo("name"));
        var eg = FhirJson.Parse<Organization>(await Client.GetStringAsync("/fhir/Organization/" + EG));
        Assert.That(eg.Alias, Is.Empty, "nothing of the refused patch was written");
    }

    [Test]
    public async Task the_operational_name_is_published_as_an_alias()
    {
        await Client.PatchAsJsonAsync($"/api/establishments/{EG}", new { operationalName = "CH Fleyriat" }).EnsureOk();

        var eg = FhirJson.Parse<Organization>(await Client.GetStringAsync("/fhir/Organization/" + EG));
        Assert.That(eg.Alias, Is.EqualTo(new[] { "CH Fleyriat" }));
    }

    [Test]
    public async Task structural_changes_are_not_direct_edits()
    {
        var unknown = await Client.PutAsJsonAsync($"/api/establishments/{EG}/uo/uo-inconnue/content", Content(18));

        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a new UO needs a dossier");
    }
}
