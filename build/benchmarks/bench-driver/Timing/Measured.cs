namespace Bench.Timing;

/// <summary>
/// One measured load: how many operations succeeded and failed, the rate, and the latency
/// percentiles in milliseconds. <see cref="Method"/> says how it was driven ("closed loop, 8
/// connections", "open loop at 412/s, latency from the scheduled start").
/// </summary>
public sealed record Measured(long Count, long Failures, double PerSecond, double P50, double P95, double P99, string Method)
{
    public static Measured From(Latencies latencies, long failures, TimeSpan elapsed, string method)
    {
        var (p50, p95, p99) = latencies.Percentiles();
        var count = latencies.Count;
        return new Measured(count, failures, count / Math.Max(elapsed.TotalSeconds, 1e-9), p50, p95, p99, method);
    }
}
