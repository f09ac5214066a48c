using Bench.Limits;
using Bench.Report;
using Bench.Timing;

namespace Bench.Workloads;

/// <summary>
/// Workload 1: GET /fhir/{type}/{id} over Organizations, HealthcareServices and Locations
/// taken in turn, each with a consumer token of another access profile, at 8 and 32
/// connections; the floor server reads the same ids, pgbench selects the same rows. The host is
/// warmed up first until its JIT has settled (not in a smoke run).
/// </summary>
public static class ReadById
{
    private static readonly Dictionary<string, string> Tables = new()
    {
        ["Organization"] = "mt_doc_organizationdocument",
        ["HealthcareService"] = "mt_doc_healthcareservicedocument",
        ["Location"] = "mt_doc_locationdocument",
    };

    public static async Task<IReadOnlyList<Row>> RunAsync(Context context)
    {
        var reads = context.Ids.Reads;
        if (reads.Count == 0) throw new InvalidOperationException("no published resource to read");
        var tokens = context.Tokens.Consumers;
        Task<bool> Host(long i) => context.Host.GetAsync(Path(reads[(int)(i % reads.Count)]), tokens[(int)((i + i / reads.Count) % tokens.Count)]);
        Task<bool> Floor(long i) => context.Floor.GetAsync(Path(reads[(int)(i % reads.Count)]), null);
        var read = await File.ReadAllTextAsync(System.IO.Path.Combine(context.Settings.QueriesFolder, "read.sql"));
        var scripts = reads.GroupBy(r => r.Type).Select(g => (PgbenchScripts.ForSql([read.Replace("@table", Tables[g.Key])],
            [.. g.Select(r => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["id"] = r.Id })]), g.Count())).ToList();
        // The first workload on a fresh host: measured once its JIT has settled, not while it tiers up.
        await HostWarmUp.UntilJitSettledAsync(context, () => ClosedLoop.RunAsync(8, TimeSpan.FromSeconds(2), Host));
        var rows = new List<Row>();
        foreach (var connections in new[] { 8, 32 })
        {
            var host = await Probe.RunAsync(connections, context.Settings.Seconds, Host);
            var floor = await Probe.RunAsync(connections, context.Settings.Seconds, Floor);
            var pgbench = await context.Pgbench.RunAsync($"read-{connections}", scripts, connections, context.Settings.Seconds);
            var (target, pass) = connections == 8
                ? (">= 0.80 of floor, p50 < 1.5 ms", (Func<Measured, double, bool>)((latency, toFloor) => toFloor >= 0.8 && latency.P50 < 1.5))
                : (">= 0.80 of floor", (latency, toFloor) => toFloor >= 0.8);
            rows.AddRange(Comparison.Rows($"1 read by id, {connections} conn", host, floor, pgbench, target, pass));
        }
        return rows;
    }

    private static string Path(Bench.Discovery.ResourceId resource) => $"/fhir/{resource.Type}/{resource.Id}";
}
