using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using RorNational.Fhir;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Fhir;

/// <summary>vread and instance history: every published version, as the caller's profile may see it.</summary>
public sealed class reading_versions : ApiFixture
{
    /// <summary>The cardiology UO's FHIR id, once the hospital is published.</summary>
    private string CardioUO = "";

    private async Task PublishHospital()
    {
        await Client.PublishHospital();
        CardioUO = await Client.FhirIdOfUnit("HealthcareService", "010000024-uo-cardio-hc");
    }

    private static JsonObject ContentWithContact(int lowAge, int level)
    {
        var content = Content(lowAge);
        content["contacts"] = new JsonArray(new JsonObject
        {
            ["name"] = "Cadre de garde", ["purpose"] = "02", ["confidentiality"] = level,
            ["telecoms"] = new JsonArray(new JsonObject { ["channel"] = "2", ["value"] = "0611223344", ["confidentiality"] = level }),
        });
        return content;
    }

    [Test]
    public async Task every_version_is_read_back_and_listed_newest_first()
    {
        await PublishHospital();
        await Client.PutAsJsonAsync($"/api/establishments/{EG}/uo/uo-cardio-hc/content", Content(16)).EnsureOk();

        var first = FhirJson.Parse<HealthcareService>(await Client.GetStringAsync($"/fhir/HealthcareService/{CardioUO}/_history/1"));
        var second = await Client.GetAsync($"/fhir/HealthcareService/{CardioUO}/_history/2");
        Assert.That(first.Meta!.VersionId, Is.EqualTo("1"));
        Assert.That(second.Headers.ETag!.ToString(), Is.EqualTo("W/\"2\""));
        Assert.That(await second.Content.ReadAsStringAsync(), Does.Contain("\"value\":16"));

        var history = FhirJson.Parse<Bundle>(await Client.GetStringAsync($"/fhir/HealthcareService/{CardioUO}/_history"));
        Assert.That(history.Type, Is.EqualTo(Bundle.BundleType.History));
        Assert.That(history.Total, Is.EqualTo(2));
        Assert.That(history.Entry.Select(e => e.Resource!.Meta!.VersionId), Is.EqualTo(new[] { "2", "1" }));
        Assert.That(history.Entry.Select(e => e.Request!.Method), Is.EqualTo(new Bundle.HTTPVerb?[] { Bundle.HTTPVerb.PUT, Bundle.HTTPVerb.POST }));
    }

    [Test]
    public async Task a_long_history_is_paged_through_next_links()
    {
        await PublishHospital();
        for (var age = 10; age < 14; age++)
            await Client.PutAsJsonAsync($"/api/establishments/{EG}/uo/uo-cardio-hc/content", Content(age)).EnsureOk();

        var versions = new List<string>();
        var url = $"/fhir/HealthcareService/{CardioUO}/_history?_count=2";
        while (url is not null)
        {
            var page = FhirJson.Parse<Bundle>(await Client.GetStringAsync(url));
            Assert.That(page.Total, Is.EqualTo(5));
            versions.AddRange(page.Entry.Select(e => e.Resource!.Meta!.VersionId!));
            url = page.NextLink?.ToString();
        }
        Assert.That(versions, Is.EqualTo(new[] { "5", "4", "3", "2", "1" }));
    }

    [Test]
    public async Task a_removed_unit_has_a_deleted_version_and_its_older_versions_stay_readable()
    {
        await PublishHospital();
        await Client.RemoveThroughDossier("uo-cardio-hc");

        Assert.That((await Client.GetAsync($"/fhir/HealthcareService/{CardioUO}/_history/2")).StatusCode, Is.EqualTo(HttpStatusCode.Gone));
        Assert.That((await Client.GetAsync($"/fhir/HealthcareService/{CardioUO}/_history/1")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var history = FhirJson.Parse<Bundle>(await Client.GetStringAsync($"/fhir/HealthcareService/{CardioUO}/_history"));
        Assert.That(history.Entry[0].Request!.Method, Is.EqualTo(Bundle.HTTPVerb.DELETE));
        Assert.That(history.Entry[0].Resource, Is.Null);
    }

    [TestCase("/fhir/HealthcareService/{cardio}/_history/9", HttpStatusCode.NotFound)]
    [TestCase("/fhir/HealthcareService/{cardio}/_history/x", HttpStatusCode.NotFound)]
    [TestCase("/fhir/HealthcareService/nobody/_history", HttpStatusCode.NotFound)]
    [TestCase("/fhir/HealthcareService/{cardio}/_history?_count=0", HttpStatusCode.BadRequest)]
    [TestCase("/fhir/HealthcareService/{cardio}/_history?_since=yesterday", HttpStatusCode.BadRequest)]
    public async Task a_missing_version_or_a_bad_parameter_is_refused(string path, HttpStatusCode status)
    {
        await PublishHospital();
        var response = await Client.GetAsync(path.Replace("{cardio}", CardioUO));
        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("OperationOutcome"));
    }

    [Test]
    public async Task an_older_version_is_redacted_by_its_own_data_not_the_current_ones()
    {
        await PublishHospital();
        // Version 2 has a level-3 contact; version 3 makes it level 1.
        await Client.PutAsJsonAsync($"/api/establishments/{EG}/uo/uo-cardio-hc/content", ContentWithContact(18, 3)).EnsureOk();
        await Client.PutAsJsonAsync($"/api/establishments/{EG}/uo/uo-cardio-hc/content", ContentWithContact(18, 1)).EnsureOk();

        var professional = App.ClientFor("test-consumer-professional");
        var version2 = await professional.GetStringAsync($"/fhir/HealthcareService/{CardioUO}/_history/2");
        var version3 = await professional.GetStringAsync($"/fhir/HealthcareService/{CardioUO}/_history/3");
        Assert.That(version2, Does.Not.Contain("0611223344").And.Contain("REDACTED"));
        Assert.That(version3, Does.Contain("0611223344").And.Not.Contain("REDACTED"));
        var history = await professional.GetStringAsync($"/fhir/HealthcareService/{CardioUO}/_history");
        Assert.That(history.Split("0611223344").Length - 1, Is.EqualTo(1), "only version 3 shows the number");
    }
}
