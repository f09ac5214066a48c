using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Finess.ImportsOnHostProcesses;

namespace RorNational.IntegrationTests.Finess;

/// <summary>
/// Imports on the built host run as processes: one killed (SIGKILL) mid-import resumes after its
/// last committed batch once the host is started again; one stopped (SIGTERM) mid-import is
/// resumed by the other node; two nodes on one database each run the import they accepted.
/// </summary>
[Category("Faults")]
public sealed class resuming_finess_imports_on_host_processes
{
    private const int Establishments = 3000;
    private static readonly TimeSpan ImportTimeout = TimeSpan.FromSeconds(150);

    /// <summary>A node found dead after 5 s without a heartbeat: its queued work is taken over soon after.</summary>
    private static readonly Dictionary<string, string> QuickTakeOver = new()
    {
        ["Nodes__StaleNodeTimeout"] = "00:00:05",
        ["Nodes__HealthCheckPollingTime"] = "00:00:01",
    };

    private readonly List<HostProcess> _hosts = [];
    private readonly List<string> _databases = [];

    [TearDown]
    public async Task StopHostsAndDropDatabases()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        _hosts.Clear();
        foreach (var database in _databases) await TestPostgres.DropDatabase(database);
        _databases.Clear();
    }

    [Test, CancelAfter(420_000)]
    public async Task an_import_killed_mid_way_resumes_after_its_last_committed_batch_with_exactly_the_events_of_an_uninterrupted_one()
    {
        var extract = SyntheticExtracts.Etalab(first: 10, count: Establishments);
        var killedDatabase = await Database("killed_import");
        var first = await Start(killedDatabase, QuickTakeOver);
        var location = await first.Importer().Post(extract);
        var atKill = await first.Importer().WaitFor(location, r => r["batches"]!.GetValue<int>() >= 1 || HasEnded(r), ImportTimeout,
            "a first batch committed");
        Assert.That(atKill["status"]!.GetValue<string>(), Is.EqualTo("Running"), "the kill must land mid-import: " + atKill.ToJsonString());

        first.Kill();
        var restarted = await Start(killedDatabase, QuickTakeOver);
        var resumed = await restarted.Importer().WaitFor(location, HasEnded, ImportTimeout, "the import resumed and ended");

        Assert.That(resumed["status"]!.GetValue<string>(), Is.EqualTo("Completed"), resumed.ToJsonString());
        Assert.That(resumed["registered"]!.GetValue<int>(), Is.EqualTo(Establishments), resumed.ToJsonString());
        Assert.That(resumed["entriesCommitted"]!.GetValue<long>(), Is.EqualTo(Establishments));
        Assert.That(resumed["node"]!.GetValue<string>(), Does.EndWith($"/{restarted.ProcessId}"), "the restarted node ended it");
        Assert.That(await StoredExtractChunks(killedDatabase), Is.Zero, "the stored extract is deleted when the import ends");

        var referenceDatabase = await Database("reference_import");
        var reference = await Start(referenceDatabase);
        var uninterrupted = await reference.Importer().WaitFor(await reference.Importer().Post(extract), HasEnded, ImportTimeout,
            "the uninterrupted import");
        Assert.That(uninterrupted["status"]!.GetValue<string>(), Is.EqualTo("Completed"), uninterrupted.ToJsonString());

        var events = await EventsPerStream(killedDatabase);
        Assert.That(events, Has.Count.EqualTo(Establishments + Establishments / 10), "one stream per EG and per EJ, none missing");
        Assert.That(events.Where(s => s.Key.StartsWith("eg-")).Select(s => s.Value).Distinct(), Is.EqualTo(new[] { "eg_registered" }),
            "each EG registered exactly once");
        Assert.That(events, Is.EqualTo(await EventsPerStream(referenceDatabase)), "the same events as the uninterrupted import");
    }

    [Test, CancelAfter(300_000)]
    public async Task two_nodes_import_two_extracts_at_once_each_on_the_node_that_accepted_it()
    {
        var database = await Database("two_node_imports");
        // No closure: each full extract leaves out the other's establishments.
        var settings = new Dictionary<string, string> { ["Finess__MaxClosureShare"] = "0" };
        var (nodeA, nodeB) = (await Start(database, settings), await Start(database, settings));
        const int each = 1000;

        var locations = await Task.WhenAll(
            nodeA.Importer().Post(SyntheticExtracts.Etalab(first: 10, count: each)),
            nodeB.Importer().Post(SyntheticExtracts.Etalab(first: 100_000, count: each)));
        var reports = await Task.WhenAll(
            nodeA.Importer().WaitFor(locations[0], HasEnded, ImportTimeout, "node A's import"),
            nodeB.Importer().WaitFor(locations[1], HasEnded, ImportTimeout, "node B's import"));

        foreach (var report in reports)
        {
            Assert.That(report["status"]!.GetValue<string>(), Is.AnyOf("Completed", "ClosuresWithheld"), report.ToJsonString());
            Assert.That(report["registered"]!.GetValue<int>(), Is.EqualTo(each), report.ToJsonString());
            Assert.That(report["closed"]!.GetValue<int>(), Is.Zero);
        }
        Assert.That(reports[0]["node"]!.GetValue<string>(), Does.EndWith($"/{nodeA.ProcessId}"));
        Assert.That(reports[1]["node"]!.GetValue<string>(), Does.EndWith($"/{nodeB.ProcessId}"));
        var events = await EventsPerStream(database);
        Assert.That(events, Has.Count.EqualTo(2 * (each + each / 10)));
        Assert.That(events.Values.Distinct(), Is.EquivalentTo(new[] { "eg_registered", "ej_registered" }), "every stream written once");
    }

    [Test, CancelAfter(300_000)]
    public async Task an_import_on_a_node_stopped_mid_way_is_resumed_by_the_other_node()
    {
        var database = await Database("stopped_node_import");
        var (stopped, other) = (await Start(database, QuickTakeOver), await Start(database, QuickTakeOver));
        var location = await stopped.Importer().Post(SyntheticExtracts.Etalab(first: 10, count: Establishments));
        var atStop = await stopped.Importer().WaitFor(location, r => r["batches"]!.GetValue<int>() >= 1 || HasEnded(r), ImportTimeout,
            "a first batch committed");
        Assert.That(atStop["status"]!.GetValue<string>(), Is.EqualTo("Running"), "the stop must land mid-import: " + atStop.ToJsonString());

        await stopped.StopAsync();
        var resumed = await other.Importer().WaitFor(location, HasEnded, ImportTimeout, "the import resumed by the other node");

        Assert.That(resumed["status"]!.GetValue<string>(), Is.EqualTo("Completed"), resumed.ToJsonString());
        Assert.That(resumed["registered"]!.GetValue<int>(), Is.EqualTo(Establishments), resumed.ToJsonString());
        Assert.That(resumed["node"]!.GetValue<string>(), Does.EndWith($"/{other.ProcessId}"), "the other node ended it");
        var events = await EventsPerStream(database);
        Assert.That(events, Has.Count.EqualTo(Establishments + Establishments / 10));
        Assert.That(events.Values.Distinct(), Is.EquivalentTo(new[] { "eg_registered", "ej_registered" }), "every stream written once");
    }

    private async Task<string> Database(string prefix)
    {
        var database = await TestPostgres.CreateDatabase(prefix);
        _databases.Add(database);
        return database;
    }

    private async Task<HostProcess> Start(string database, IReadOnlyDictionary<string, string>? settings = null)
    {
        var host = await HostProcess.StartAsync(database, settings);
        _hosts.Add(host);
        return host;
    }
}
