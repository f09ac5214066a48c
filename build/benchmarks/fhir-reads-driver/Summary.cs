using System.Text;
using AvailabilityBenchmark;

namespace FhirReads;

/// <summary>
/// Per workload and mode, the median over rounds of throughput and of p50/p95/p99, and the
/// median over rounds of the throughput ratio to "off" in the same round (with its range), and
/// the median CPU time per request of the host and of PostgreSQL.
/// </summary>
public static class Summary
{
    /// <summary>One run; the CPU milliseconds per request of the host and of PostgreSQL when measured.</summary>
    public sealed record Run(string Workload, string What, int Round, string Mode, LoadRun.Result Result, double? HostCpu, double? PostgresCpu);

    public static string Of(IReadOnlyList<Run> runs, int connections)
    {
        var text = new StringBuilder();
        text.AppendLine($"Medians over {runs.Select(r => r.Round).Distinct().Count()} rounds, {connections} connections:");
        text.AppendLine("| workload | mode | req/s | ratio to off (min-max) | p50 ms | p95 ms | p99 ms | CPU ms/req host + PostgreSQL | failures |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var workload in runs.GroupBy(r => r.Workload))
        {
            var off = workload.Where(r => r.Mode == "off").ToDictionary(r => r.Round, r => r.Result.PerSecond);
            foreach (var mode in workload.GroupBy(r => r.Mode))
            {
                var ratios = mode.Where(r => off.ContainsKey(r.Round)).Select(r => r.Result.PerSecond / off[r.Round]).Order().ToList();
                text.AppendLine($"| {workload.First().What} | {mode.Key} | {Median(mode.Select(r => r.Result.PerSecond)):F0} | " +
                    $"{Median(ratios):F2} ({ratios.First():F2}-{ratios.Last():F2}) | {Median(mode.Select(r => r.Result.P50)):F1} | " +
                    $"{Median(mode.Select(r => r.Result.P95)):F1} | {Median(mode.Select(r => r.Result.P99)):F1} | " +
                    $"{Median(mode.Select(r => r.HostCpu ?? double.NaN)):F2} + {Median(mode.Select(r => r.PostgresCpu ?? double.NaN)):F2} | {mode.Sum(r => r.Result.Failures)} |");
            }
        }
        return text.ToString();
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
