using Npgsql;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Nodes;

public sealed class explore_nodes
{
    [Test, CancelAfter(120_000)]
    public async Task dump()
    {
        var db = await TestPostgres.CreateDatabase("explore");
        var settings = new Dictionary<string, string> { ["Nodes__HealthCheckPollingTime"] = "00:00:01", ["Logging__LogLevel__Wolverine"] = "Information" };
        await using var a = await HostProcess.StartAsync(db, settings);
        await using var b = await HostProcess.StartAsync(db, settings);
        await Task.Delay(6000);
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        foreach (var sql in new[] { "select * from ror.wolverine_nodes", "select * from ror.wolverine_node_assignments", "select * from ror.mt_event_progression" })
        {
            await using var cmd = new NpgsqlCommand(sql, connection);
            await using var r = await cmd.ExecuteReaderAsync();
            TestContext.Out.WriteLine(sql);
            while (await r.ReadAsync())
                TestContext.Out.WriteLine(string.Join(" | ", Enumerable.Range(0, r.FieldCount).Select(i => r.GetName(i) + "=" + r.GetValue(i))));
        }
        TestContext.Out.WriteLine("A " + a.BaseAddress + " " + a.TimeToReady + "\n" + a.Output);
        TestContext.Out.WriteLine("B " + b.BaseAddress + " " + b.TimeToReady + "\n" + b.Output);
    }
}
