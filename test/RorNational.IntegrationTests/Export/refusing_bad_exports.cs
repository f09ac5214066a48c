using System.Net;
using System.Text;
using Marten;
using RorNational.Fhir.Export;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Export;

/// <summary>
/// A kick-off that cannot be done is refused at once with an OperationOutcome that says what
/// to fix, and starts nothing; so are polls of exports that are not the caller's, and one
/// export too many.
/// </summary>
public sealed class refusing_bad_exports : ExportFixture
{
    [TestCase("/fhir/$export?_type=Patient", "Patient")]
    [TestCase("/fhir/$export?_outputFormat=text%2Fcsv", "text/csv")]
    [TestCase("/fhir/$export?_elements=id", "_elements")]
    [TestCase("/fhir/$export?_since=yesterday", "yesterday")]
    [TestCase("/fhir/$export?_since=2026-01-01T10:00:00", "instant")]
    [TestCase("/fhir/$export?_typeFilter=HealthcareService%3F_sort%3Dname", "_sort")]
    [TestCase("/fhir/$export?_typeFilter=HealthcareService%3Fnope%3D1", "nope")]
    [TestCase("/fhir/$export?_typeFilter=HealthcareService", "no criterion")]
    [TestCase("/fhir/$export?_type=HealthcareService&_typeFilter=Location%3F_tag%3D53", "_type does not ask")]
    [TestCase("/fhir/$export?_typeFilter=Patient%3Fname%3Dx", "Patient")]
    public async Task a_bad_parameter_is_refused_with_400(string url, string told)
    {
        var before = await Jobs();
        var response = await Client.KickOff(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(body, Does.Contain("OperationOutcome").And.Contain(told));
        Assert.That(await Jobs(), Is.EqualTo(before), "nothing started");
    }

    [Test]
    public async Task an_unsupported_parameter_is_ignored_when_the_caller_is_lenient()
    {
        var response = await Client.KickOff("/fhir/$export?_type=Organization&_elements=id", "respond-async, handling=lenient");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        await Client.Manifest(response.StatusUrl());
    }

    [Test]
    public async Task the_kick_off_takes_fhir_parameters_in_a_post()
    {
        var parameters = """
            {"resourceType":"Parameters","parameter":[
              {"name":"_outputFormat","valueString":"application/fhir+ndjson"},
              {"name":"_type","valueString":"Location"},
              {"name":"_since","valueInstant":"2020-01-01T00:00:00Z"}]}
            """;
        var response = await Client.PostAsync("/fhir/$export", new StringContent(parameters, Encoding.UTF8, "application/fhir+json"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        var manifest = await Client.Manifest(response.StatusUrl());
        Assert.That(manifest.Outputs().Select(o => o["type"]!.GetValue<string>()), Has.All.EqualTo("Location").And.Not.Empty);

        var notParameters = await Client.PostAsync("/fhir/$export", new StringContent("""{"resourceType":"Bundle"}""", Encoding.UTF8, "application/fhir+json"));
        Assert.That(notParameters.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var notJson = await Client.PostAsync("/fhir/$export", new StringContent("_type=Location", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.That(notJson.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
    }

    [Test]
    public async Task an_export_needs_a_registered_client()
    {
        var response = await App.AnonymousClient().KickOff("/fhir/$export");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), await response.Content.ReadAsStringAsync());
    }

    [TestCase("eg-999999999", 404)]
    [TestCase("not-an-organization", 404)]
    public async Task an_unknown_organization_is_not_exported(string id, int status)
    {
        var response = await Client.KickOff($"/fhir/Organization/{id}/$export");
        Assert.That((int)response.StatusCode, Is.EqualTo(status), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task a_unit_is_not_an_establishment()
    {
        await using var session = App.Store.QuerySession();
        var unit = await session.Query<RorNational.Fhir.Storage.OrganizationDocument>()
            .Where(d => !d.Id.StartsWith("eg-") && !d.Id.StartsWith("ej-")).Select(d => d.Id).FirstAsync();
        var response = await Client.KickOff($"/fhir/Organization/{unit}/$export");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(422), body);
        Assert.That(body, Does.Contain("EJ").And.Contain("EG"));
    }

    [Test]
    public async Task an_unknown_export_is_not_found()
    {
        var poll = await Client.GetAsync("/fhir/$export-poll-status?_jobId=nope");
        Assert.That(poll.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var noId = await Client.GetAsync("/fhir/$export-poll-status");
        Assert.That(noId.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var file = await Client.GetAsync("/fhir/$export-file/nope/1");
        Assert.That(file.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task one_export_too_many_is_refused_with_429()
    {
        var client = App.ClientFor(TestClients.Editor);
        // Two exports of this client waiting on the queue (as if the queue were busy).
        await using (var session = App.Store.LightweightSession())
        {
            foreach (var id in new[] { "waiting-1", "waiting-2" })
                session.Store(new ExportJob { Id = id, ClientId = TestClients.Editor, Profile = "professional", Status = ExportStatus.Running, RequestedAt = DateTimeOffset.UtcNow });
            await session.SaveChangesAsync();
        }
        try
        {
            var response = await client.KickOff("/fhir/$export");
            Assert.That((int)response.StatusCode, Is.EqualTo(429), await response.Content.ReadAsStringAsync());
            Assert.That(response.Headers.RetryAfter, Is.Not.Null);
            var other = await Client.KickOff("/fhir/$export?_type=Practitioner");
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "other clients are not held up");
        }
        finally
        {
            await using var session = App.Store.LightweightSession();
            session.Delete<ExportJob>("waiting-1");
            session.Delete<ExportJob>("waiting-2");
            await session.SaveChangesAsync();
        }
    }

    private async Task<int> Jobs()
    {
        await using var session = App.Store.QuerySession();
        return await session.Query<ExportJob>().CountAsync();
    }
}
