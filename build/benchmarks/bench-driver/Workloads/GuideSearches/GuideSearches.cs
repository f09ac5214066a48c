using Bench.Limits;
using Bench.Report;
using Bench.Timing;

namespace Bench.Workloads;

/// <summary>
/// Workload 2: each of the guide's consumer searches at 8 connections on the host, the floor
/// server (same pages from the same tables) and pgbench (the floor's SQL with the same values).
/// </summary>
public static class GuideSearches
{
    public static async Task<IReadOnlyList<Row>> RunAsync(Context context)
    {
        var rows = new List<Row>();
        foreach (var kind in await SearchKinds.BuildAsync(context))
        {
            if (kind.HostPaths.Count == 0)
            {
                rows.Add(new Row($"2 {kind.Name}", double.NaN, "", double.NaN, double.NaN, double.NaN, "", kind.Target, null, 0, "skipped: the data hold no value for it"));
                continue;
            }
            Task<bool> Host(long i) => context.Host.GetAsync(kind.HostPaths[(int)(i % kind.HostPaths.Count)], kind.Token);
            Task<bool> Floor(long i) => context.Floor.GetAsync(kind.FloorPaths[(int)(i % kind.FloorPaths.Count)], null);
            var host = await Probe.RunAsync(Context.SearchConnections, context.Settings.Seconds, Host);
            var floor = await Probe.RunAsync(Context.SearchConnections, context.Settings.Seconds, Floor);
            var script = PgbenchScripts.For(context.Settings.QueriesFolder, [$"{kind.Query}.count.sql", $"{kind.Query}.sql"], kind.Values);
            var pgbench = await context.Pgbench.RunAsync($"search-{kind.Query}", [(script, 1)], Context.SearchConnections, context.Settings.Seconds);
            rows.AddRange(Comparison.Rows($"2 {kind.Name}", host, floor, pgbench, kind.Target, (latency, toFloor) => kind.Pass(latency.P99, toFloor)));
        }
        return rows;
    }
}
