using System.Net.Http.Json;
using Hl7.Fhir.Model;
using RorNational.Fhir;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Search;

/// <summary>The index follows every change the projection publishes, in the same transaction.</summary>
public sealed class keeping_the_index_current : ApiFixture
{
    private Task<string> CardioUOAsync() => Client.FhirIdOfUnit("HealthcareService", "010000024-uo-cardio-hc");

    [Test]
    public async Task a_changed_value_is_found_by_its_new_value_only()
    {
        await Client.PublishHospital();
        var cardioUO = await CardioUOAsync();
        Assert.That(await Matches("HealthcareService?age-range-low=18"), Is.EqualTo(new[] { cardioUO }));

        await Client.PutAsJsonAsync($"/api/establishments/{EG}/uo/uo-cardio-hc/content", Content(16)).EnsureOk();

        Assert.That(await Matches("HealthcareService?age-range-low=18"), Is.Empty);
        Assert.That(await Matches("HealthcareService?age-range-low=16"), Is.EqualTo(new[] { cardioUO }));
    }

    [Test]
    public async Task a_removed_unit_is_no_longer_found_nor_included()
    {
        await Client.PublishHospital();
        var lieu = await Client.FhirIdOfUnit("Location", "010000024-lieu-batiment-a");
        await Client.RemoveThroughDossier("uo-cardio-hc");

        Assert.That(await Matches("HealthcareService?specialty=013"), Is.Empty);
        var locations = await Client.GetStringAsync("/fhir/Location?_revinclude=HealthcareService:location");
        Assert.That(FhirJson.Parse<Bundle>(locations).Entry.Select(e => e.Resource!.Id), Is.EqualTo(new[] { lieu }));
    }

    [Test]
    public async Task a_renamed_establishment_is_found_by_its_operational_name()
    {
        await Client.PublishHospital();
        await Client.PatchAsJsonAsync($"/api/establishments/{EG}", new { operationalName = "Hôpital Fleyriat" }).EnsureOk();
        Assert.That(await Matches("Organization?name=hopital fley"), Is.EqualTo(new[] { EG }));
        Assert.That(await Matches("Organization?_content=fleyriat"), Is.EqualTo(new[] { EG }));
    }

    private async Task<List<string>> Matches(string query) =>
        FhirJson.Parse<Bundle>(await Client.GetStringAsync("/fhir/" + query)).Entry.Select(e => e.Resource!.Id!).ToList();
}
