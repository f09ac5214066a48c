using System.Diagnostics;

namespace AvailabilityBenchmark;

/// <summary>
/// Closed-loop load: C connections each sending GET requests one after the other, from a
/// list of paths taken in turn, for a duration; the latencies of the 200s, and the refusals.
/// </summary>
public static class LoadRun
{
    public sealed record Result(string Name, int Connections, int Requests, int Failures, double PerSecond, double P50, double P95, double P99, long Bytes)
    {
        public override string ToString() =>
            $"{Name,-34} {Connections,2} conn  {Requests,6} req  {PerSecond,7:F1}/s  p50 {P50,6:F1} ms  p95 {P95,6:F1} ms  p99 {P99,6:F1} ms  {Bytes / 1024,6} KiB/answer" +
            (Failures > 0 ? $"  {Failures} FAILED" : "");
    }

    public static async Task<Result> RunAsync(HttpClient http, string name, IReadOnlyList<string> paths, int connections, TimeSpan duration)
    {
        // Warm-up: code generation, connection pools, plans.
        foreach (var path in paths.Take(5)) (await http.GetAsync(path)).EnsureSuccessStatusCode();
        var latencies = new List<double>[connections];
        var failures = 0;
        long bytes = 0;
        var deadline = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async c =>
        {
            var mine = latencies[c] = [];
            for (var i = c; deadline.Elapsed < duration; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(paths[i % paths.Count]);
                var body = await response.Content.ReadAsByteArrayAsync();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.IsSuccessStatusCode)
                {
                    mine.Add(elapsed);
                    Interlocked.Exchange(ref bytes, body.Length);
                }
                else Interlocked.Increment(ref failures);
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new Result(name, connections, all.Count, failures, all.Count / deadline.Elapsed.TotalSeconds,
            Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99), bytes);
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
