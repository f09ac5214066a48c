using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using RorNational.IntegrationTests.Auditing;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Security;

namespace RorNational.IntegrationTests.Nodes;

/// <summary>
/// Two host processes on one fresh database, with the node timings shortened for tests
/// (heartbeat every second, a node dead after 4 s of silence), and what the tests read of
/// them: Wolverine's node assignments, the event streams, the timeline and the audit chain.
/// </summary>
public sealed class NodePair : IAsyncDisposable
{
    /// <summary>
    /// Wolverine's agent that chains the Provenance of writes into the audit chain (an asynchronous
    /// subscription of the daemon, a record per write), as named in <c>wolverine_node_assignments</c>.
    /// </summary>
    public const string ChainingAgent = "event-subscriptions://%/provenancechaining/all";

    public static readonly IReadOnlyDictionary<string, string> FastNodeTimings = new Dictionary<string, string>
    {
        ["Nodes__HealthCheckPollingTime"] = "00:00:01",
        ["Nodes__FirstHealthCheckExecution"] = "00:00:00.200",
        ["Nodes__StaleNodeTimeout"] = "00:00:04",
        ["Nodes__OrphanedMessageSweepPollingTime"] = "00:00:01",
        ["Nodes__NodeReassignmentPollingTime"] = "00:00:01",
    };

    private NodePair(string database, HostProcess first, HostProcess second)
    {
        Database = database;
        First = first;
        Second = second;
    }

    public string Database { get; }
    public HostProcess First { get; }
    public HostProcess Second { get; }

    /// <summary>Starts one node, then the other once the first is ready (so the first is the leader).</summary>
    public static async Task<NodePair> StartAsync(string prefix)
    {
        var database = await TestPostgres.CreateDatabase(prefix);
        HostProcess? first = null;
        try
        {
            first = await HostProcess.StartAsync(database, FastNodeTimings);
            var second = await HostProcess.StartAsync(database, FastNodeTimings);
            return new NodePair(database, first, second);
        }
        catch
        {
            if (first is not null) await first.DisposeAsync();
            await TestPostgres.DropDatabase(database);
            throw;
        }
    }

    public HostProcess Other(HostProcess node) => node == First ? Second : First;

    public HostProcess ById(Guid nodeId) =>
        nodeId == First.NodeId ? First : nodeId == Second.NodeId ? Second : throw new InvalidOperationException($"no process is node {nodeId}");

    public static HttpClient Admin(HostProcess node) => node.Client(new ForgedToken { ClientId = "admin", Lifetime = TimeSpan.FromMinutes(30) }.Sign());

    public static HttpClient Auditor(HostProcess node) => node.Client(new ForgedToken { ClientId = "auditor", Lifetime = TimeSpan.FromMinutes(30) }.Sign());

    /// <summary>The node the leader assigned an agent to, once there is one (or null when none runs it).</summary>
    public async Task<Guid?> NodeRunning(string agentPattern)
    {
        var owners = await Query<Guid>("select node_id from ror.wolverine_node_assignments where id like @pattern and node_id is not null",
            ("pattern", agentPattern));
        return owners.Count switch
        {
            0 => null,
            1 => owners[0],
            _ => throw new AssertionException($"{agentPattern} is assigned to {owners.Count} nodes"),
        };
    }

    /// <summary>Waits until some node runs the agent, and returns that node.</summary>
    public async Task<Guid> WaitUntilAnyNodeRuns(string agentPattern)
    {
        var since = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await NodeRunning(agentPattern) is { } node) return node;
            if (since.Elapsed > TimeSpan.FromSeconds(15)) throw new TimeoutException($"no node runs {agentPattern}");
            await Task.Delay(200);
        }
    }

    /// <summary>Waits until the agent runs on the node given, and returns how long that took.</summary>
    public async Task<TimeSpan> WaitUntilRunningOn(string agentPattern, Guid nodeId, TimeSpan timeout)
    {
        var since = System.Diagnostics.Stopwatch.StartNew();
        while (await NodeRunning(agentPattern) != nodeId)
        {
            if (since.Elapsed > timeout)
                throw new TimeoutException($"{agentPattern} did not move to node {nodeId} within {timeout.TotalSeconds} s (now on {await NodeRunning(agentPattern)})");
            await Task.Delay(200);
        }
        return since.Elapsed;
    }

    /// <summary>Every agent assigned, with its node.</summary>
    public async Task<List<(string Agent, Guid Node)>> Assignments() =>
        await Query<(string, Guid)>("select id, node_id from ror.wolverine_node_assignments where node_id is not null order by id");

    /// <summary>The version of every EG stream.</summary>
    public async Task<Dictionary<string, long>> EGStreamVersions() =>
        (await Query<(string, long)>("select id, version from ror.mt_streams where id like 'eg-%'"))
        .ToDictionary(s => s.Item1, s => s.Item2);

    /// <summary>Whether <c>$verify-integrity</c> finds the audit chain intact.</summary>
    public static async Task<bool> ChainIntact(HttpClient auditor) =>
        (await AuditTrail.Integrity(auditor))["intact"]!.GetValue<bool>();

    /// <summary>The versions listed by an EG's timeline, as served; empty until the daemon's high-water mark passes them.</summary>
    public static async Task<List<long>> TimelineVersions(HttpClient auditor, string egId)
    {
        var response = await auditor.GetAsync($"/api/establishments/{egId}/timeline?_count=1000");
        if (!response.IsSuccessStatusCode) return [];
        var timeline = await response.Content.ReadFromJsonAsync<JsonObject>();
        return timeline!["entries"]!.AsArray().Select(e => e!["version"]!.GetValue<long>()).ToList();
    }

    private async Task<List<T>> Query<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
            rows.Add(reader.FieldCount == 1 ? reader.GetFieldValue<T>(0) : (T)Activator.CreateInstance(typeof(T), reader.GetValue(0), reader.GetValue(1))!);
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
            foreach (var node in new[] { First, Second })
                await TestContext.Out.WriteLineAsync($"--- node {node.NodeId} ({node.BaseAddress}) said:\n{node.Output}");
        await First.DisposeAsync();
        await Second.DisposeAsync();
        await TestPostgres.DropDatabase(Database);
    }
}
