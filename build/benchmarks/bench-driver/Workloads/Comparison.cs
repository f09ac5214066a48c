using System.Globalization;
using Bench.Report;
using Bench.Timing;

namespace Bench.Workloads;

/// <summary>
/// A request kind measured on the host and on its limits (the floor server, pgbench): the
/// host's row with its ratios to both, and one row per limit (no target) so that the table
/// shows what the ratios divide by.
/// </summary>
public static class Comparison
{
    public static IEnumerable<Row> Rows(string workload, Probe.Result host, Probe.Result floor, Measured pgbench, string target, Func<Measured, double, bool> pass)
    {
        var toFloor = host.Throughput.PerSecond / floor.Throughput.PerSecond;
        var toPgbench = host.Throughput.PerSecond / pgbench.PerSecond;
        var ratio = $"{Format(toFloor)} of floor, {Format(toPgbench)} of pgbench";
        yield return new Row(workload, host.Throughput.PerSecond, "req/s", host.Latency.P50, host.Latency.P95, host.Latency.P99, ratio, target,
            pass(host.Latency, toFloor), host.Failures, $"throughput: {host.Throughput.Method}; latency: {host.Latency.Method}");
        yield return new Row($"{workload}: floor server", floor.Throughput.PerSecond, "req/s", floor.Latency.P50, floor.Latency.P95, floor.Latency.P99, "limit", "", null,
            floor.Failures, $"throughput: {floor.Throughput.Method}; latency: {floor.Latency.Method}");
        yield return new Row($"{workload}: pgbench", pgbench.PerSecond, "tx/s", pgbench.P50, pgbench.P95, pgbench.P99, "limit", "", null, pgbench.Failures, pgbench.Method);
    }

    public static string Format(double ratio) => double.IsFinite(ratio) ? ratio.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
}
