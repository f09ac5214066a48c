using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Auditing;

/// <summary>
/// The /api views an auditor reads (the editors' view of an EG, its timeline) hold drafts,
/// validators and reasons, all above the public level: each read by an auditor is recorded as
/// a BALP Read naming the path; the EG's own editor reading its view is not.
/// </summary>
public class recording_api_reads : ApiFixture
{
    protected override bool ResetBetweenTests => false;

    [OneTimeSetUp]
    public Task PublishTheHospital() => Client.PublishHospital();

    [TestCase("/api/establishments/eg-010000024")]
    [TestCase("/api/establishments/eg-010000024/timeline")]
    public async Task an_auditor_reading_an_api_view_is_recorded_with_the_path(string path)
    {
        var auditor = App.ClientFor(TestClients.Auditor);
        var (response, requestId) = await auditor.Get(path);
        for (var attempt = 0; (int)response.StatusCode == 404 && attempt < 50; attempt++)
        {
            await Task.Delay(200); // the timeline follows the events asynchronously
            (response, requestId) = await auditor.Get(path);
        }
        Assert.That((int)response.StatusCode, Is.EqualTo(200));

        var audit = (await AuditTrail.RecordedFor(ConnectionString, requestId)).Single();
        Assert.That(audit["action"]!.GetValue<string>(), Is.EqualTo("R"));
        Assert.That(audit["agent"]![0]!["who"]!["identifier"]!["value"]!.GetValue<string>(), Is.EqualTo(TestClients.Auditor));
        var what = audit["entity"]!.AsArray().Select(e => e!["what"]!["identifier"]).Single(i => i?["system"]?.GetValue<string>() == "urn:ror:api-path")!;
        Assert.That(what["value"]!.GetValue<string>(), Is.EqualTo(path));
    }

    [Test]
    public async Task an_editor_reading_its_own_view_is_not_recorded()
    {
        var (response, requestId) = await App.ClientFor(TestClients.Editor).Get("/api/establishments/eg-010000024");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(await AuditTrail.RecordedFor(ConnectionString, requestId), Is.Empty);
    }
}
