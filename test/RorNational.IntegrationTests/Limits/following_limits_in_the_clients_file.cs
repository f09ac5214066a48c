using System.Net;
using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Limits.Throttling;

namespace RorNational.IntegrationTests.Limits;

/// <summary>A client's limits follow the clients file: a changed limit applies from its next request on, without a restart.</summary>
public sealed class following_limits_in_the_clients_file : ApiFixture
{
    private const string Read = "/fhir/metadata";
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"rornational-clients-{Guid.NewGuid():N}.json");

    protected override IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            File.Copy(TestClients.File, _file, overwrite: true);
            return new Dictionary<string, string?> { ["Access:ClientsFile"] = _file };
        }
    }

    protected override bool ResetBetweenTests => false;

    [Test]
    public async Task Given_a_client_past_its_read_limit_When_the_file_lifts_it_Then_its_reads_are_served_again()
    {
        var twin = App.ClientFor(TestClients.LimitedTwin);
        for (var i = 0; i < 3; i++) Assert.That((await twin.GetAsync(Read)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertThrottled(await twin.GetAsync(Read), "client 'test-limited-twin' reached its read limit (3 per 00:01:00, burst 3)");

        await WriteClients(clients => clients.Single(c => c!["Id"]!.GetValue<string>() == TestClients.LimitedTwin)!["Limits"] =
            new JsonObject { ["Read"] = new JsonObject { ["Permits"] = 100, ["Period"] = "00:01:00" } });

        var answered = HttpStatusCode.TooManyRequests;
        for (var attempt = 0; attempt < 100 && answered == HttpStatusCode.TooManyRequests; attempt++)
        {
            await Task.Delay(200);
            answered = (await twin.GetAsync(Read)).StatusCode;
        }
        Assert.That(answered, Is.EqualTo(HttpStatusCode.OK), "not within 20 s");
        for (var i = 0; i < 20; i++) Assert.That((await twin.GetAsync(Read)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the new limit, 100 a minute");
    }

    private Task WriteClients(Action<JsonArray> change) => TestClients.WriteChanged(_file, change);

    [OneTimeTearDown]
    public void RemoveFile() => File.Delete(_file);
}
