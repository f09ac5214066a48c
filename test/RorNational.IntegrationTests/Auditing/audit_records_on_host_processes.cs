using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Security;

namespace RorNational.IntegrationTests.Auditing;

/// <summary>
/// The audit on real host processes: a record is committed before its read is answered, so a
/// host killed (SIGKILL) right after a 200 loses nothing; two nodes reading at once append to
/// one chain, in one order, without a gap.
/// </summary>
[Category("Faults")]
public sealed class audit_records_on_host_processes
{
    private string _database = "";
    private readonly List<HostProcess> _hosts = [];
    private string _unit = "";

    [OneTimeSetUp]
    public async Task PublishTheHospital()
    {
        _database = await TestPostgres.CreateDatabase(nameof(audit_records_on_host_processes));
        var host = await Start();
        await host.Client(Token("samples-loader")).PublishHospital();
        var bundle = JsonNode.Parse(await host.Client(Token("orientation-tool")).GetStringAsync("/fhir/HealthcareService"))!;
        _unit = bundle["entry"]![0]!["resource"]!["id"]!.GetValue<string>();
        // The publication's Provenance joins the chain through the async daemon: before the tests count its records.
        await Provenance.ProvenanceChain.WaitUntilChained(_database);
        await host.StopAsync();
    }

    [OneTimeTearDown]
    public async Task DropDatabase() => await TestPostgres.DropDatabase(_database);

    [TearDown]
    public async Task StopHosts()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        _hosts.Clear();
    }

    private static string Token(string clientId) => new ForgedToken { ClientId = clientId, Lifetime = TimeSpan.FromMinutes(30) }.Sign();

    private async Task<HostProcess> Start()
    {
        var host = await HostProcess.StartAsync(_database);
        _hosts.Add(host);
        return host;
    }

    [Test, CancelAfter(180_000)]
    public async Task a_read_answered_just_before_a_kill_is_recorded()
    {
        var host = await Start();
        var (response, requestId) = await host.Client(Token("samu-69")).Get($"/fhir/HealthcareService/{_unit}");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        host.Kill();

        var restarted = await Start();
        var found = JsonNode.Parse(await restarted.Client(Token("auditor")).GetStringAsync($"/fhir/AuditEvent?agent=samu-69&entity=HealthcareService/{_unit}&subtype=read"))!;
        var events = found["entry"]!.AsArray().Select(e => e!["resource"]!.ToJsonString()).ToList();
        Assert.That(events, Has.One.Contains($"\"value\":\"{requestId}\""), "the record of the read answered before the kill");
    }

    [Test, CancelAfter(240_000)]
    public async Task two_nodes_reading_at_once_append_to_one_intact_chain()
    {
        var nodes = new[] { await Start(), await Start() };
        var auditor = nodes[0].Client(Token("auditor"));
        var before = await Checked(auditor);
        var reads = nodes.SelectMany(node =>
        {
            var samu = node.Client(Token("samu-69"));
            return Enumerable.Range(0, 25).Select(_ => samu.GetAsync($"/fhir/HealthcareService/{_unit}"));
        });
        var responses = await Task.WhenAll(reads);
        Assert.That(responses.Select(r => (int)r.StatusCode), Is.All.EqualTo(200));
        Assert.That(await Checked(nodes[1].Client(Token("auditor"))), Is.EqualTo(before + 50), "one record per read, chained without a gap");
    }

    /// <summary>$verify-integrity: intact, and how many records it checked.</summary>
    private static async Task<long> Checked(HttpClient auditor)
    {
        var parameters = await AuditTrail.Integrity(auditor);
        Assert.That(parameters["intact"]!.GetValue<bool>(), Is.True, string.Join(", ", parameters.Select(p => $"{p.Key}={p.Value}")));
        return parameters["checked"]!.GetValue<long>();
    }
}
