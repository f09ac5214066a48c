using System.Diagnostics;
using Bench.Report;
using Bench.Timing;
using CapacityIngest;
using CapacityOptions = CapacityIngest.Options;

namespace Bench.Workloads;

/// <summary>
/// Workload 3: 16 suppliers, each sending transaction Bundles of 50 indicator changes (10 lieux x
/// 5) one after the other (closed loop: the most the host accepts), with the capacity-ingest
/// driver's Supplier and Freshness (200 to visible in a search). Limit: pgbench inserting the
/// same number of event rows, 50 per transaction, from 16 clients, into a scratch mt_events.
/// </summary>
public static class CapacityIngestWorkload
{
    public const int BundleSize = 50;

    public static async Task<IReadOnlyList<Row>> RunAsync(Context context)
    {
        var plan = ZonePlan.For(context.Ids.Zones);
        var tokens = context.Tokens.Suppliers(ZonePlan.Suppliers);
        var clients = tokens.Select(t => Suppliers.Client(context.Settings.Host, t)).ToList();
        await IndicatorSetup.EnsureAsync(clients[0], [.. plan.SelectMany(z => z).Distinct()]);

        var options = new CapacityOptions(context.Settings.Host, "", tokens, 0, 0, BundleSize, context.Settings.Seconds, "search", new CpuTime(null, null), Reuse: false);
        await HostWarmUp.UntilJitSettledAsync(context, () => WarmUpRoundAsync(context, plan, clients, options));
        var measurements = new Measurements();
        var freshness = new Freshness(Suppliers.Client(context.Settings.Host, context.Tokens.Of("bench-crisis")), "search", measurements);
        var suppliers = plan.Select((zones, s) => new Supplier(clients[s], zones, options, measurements, freshness)).ToList();
        var eventsBefore = await EventCount.OfAsync(context.ConnectionString);
        var probes = suppliers.Select(_ => new List<Task>()).ToList();
        var cpu = new CpuTime(context.Settings.HostPid, context.Settings.PostmasterPid);
        var cpuBefore = cpu.Sample();
        var clock = Stopwatch.StartNew();
        var deadline = DateTimeOffset.UtcNow + context.Settings.Seconds;
        await Task.WhenAll(suppliers.Select((supplier, s) => supplier.RunAsync(deadline, probes[s])));
        var elapsed = clock.Elapsed;
        var cpuAfter = cpu.Sample();
        await Task.WhenAll(probes.SelectMany(p => p));
        var appended = await EventCount.OfAsync(context.ConnectionString) - eventsBefore;

        var figures = measurements.Figures();
        var script = await ScratchEvents.ScriptAsync(context.ConnectionString, BundleSize);
        var transactions = (int)Math.Max(1, Math.Ceiling(appended / (double)BundleSize / ZonePlan.Suppliers));
        var pgbench = await context.Pgbench.RunAsync("scratch-events", [(script, 1)], ZonePlan.Suppliers, null, transactions);
        var pgbenchRows = pgbench.PerSecond * BundleSize;

        var accepted = figures.Changes / elapsed.TotalSeconds;
        var latency = Latencies.Of(figures.Latencies).Percentiles();
        var fresh = Latencies.Of(figures.Freshness).Percentiles();
        var cost = CpuPerChange.Of(cpuBefore, cpuAfter, figures.Changes);
        var how = $"closed loop: {ZonePlan.Suppliers} suppliers over {ZonePlan.Distinct(plan)} distinct lieux, {figures.Bundles} bundles, {figures.Refused} refused, {appended} events appended; latency per bundle from its send";
        return
        [
            new Row("3 capacity ingest (accepted changes)", accepted, "changes/s", latency.P50, latency.P95, latency.P99,
                $"{Comparison.Format(accepted / pgbenchRows)} of pgbench", ">= 5,000 changes/s", accepted >= 5000, figures.Refused, how),
            new Row("3 capacity ingest: freshness (200 to visible in search)", figures.Freshness.Length / elapsed.TotalSeconds, "probes/s", fresh.P50, fresh.P95, fresh.P99,
                "", "p99 < 1,000 ms", figures.NeverFresh == 0 && fresh.P99 < 1000, figures.NeverFresh,
                $"{figures.Freshness.Length} probes, {figures.NeverFresh} not visible within 10 s, {figures.NotProbed} bundles not probed (every prober busy)"),
            cost.Row("3 capacity ingest: CPU per accepted change"),
            new Row("3 capacity ingest: pgbench event rows", pgbenchRows, "rows/s", pgbench.P50, pgbench.P95, pgbench.P99, "limit", "", null, pgbench.Failures,
                $"{pgbench.Method}; {transactions} transactions of {BundleSize} rows per client into bench.scratch_events; latency per transaction"),
        ];
    }

    /// <summary>
    /// The same suppliers and probes for a few seconds, measured apart and dropped: a host's write
    /// path tiers up for its first 20 to 30 s of ingest, when the compiler took half the host's CPU
    /// (perf, 2026-12-06), so that a run on a cold host measured the JIT as much as the ingest.
    /// </summary>
    private static async Task WarmUpRoundAsync(Context context, IReadOnlyList<IReadOnlyList<string>> plan, IReadOnlyList<HttpClient> clients, CapacityOptions options)
    {
        var dropped = new Measurements();
        var freshness = new Freshness(Suppliers.Client(context.Settings.Host, context.Tokens.Of("bench-crisis")), "search", dropped);
        var probes = plan.Select(_ => new List<Task>()).ToList();
        var deadline = DateTimeOffset.UtcNow + WarmUpRound;
        await Task.WhenAll(plan.Select((zones, s) => new Supplier(clients[s], zones, options, dropped, freshness).RunAsync(deadline, probes[s])));
        await Task.WhenAll(probes.SelectMany(p => p));
    }

    private static readonly TimeSpan WarmUpRound = TimeSpan.FromSeconds(3);
}
