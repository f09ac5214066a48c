namespace Bench.Timing;

/// <summary>
/// How build/bench measures one kind of request against one server: a short warm-up, a closed
/// loop at the given connections for the throughput, then an open loop at 70 % of that
/// throughput for the latency percentiles (coordinated-omission-aware).
/// </summary>
public static class Probe
{
    public const double OpenLoopShare = 0.7;

    public sealed record Result(Measured Throughput, Measured Latency)
    {
        public long Failures => Throughput.Failures + Latency.Failures;
    }

    public static async Task<Result> RunAsync(int connections, TimeSpan duration, Func<long, Task<bool>> operation)
    {
        await ClosedLoop.RunAsync(connections, duration / 3, operation);
        var throughput = await ClosedLoop.RunAsync(connections, duration, operation);
        var rate = Math.Max(1, throughput.PerSecond * OpenLoopShare);
        var latency = await OpenLoop.RunAsync(rate, connections, duration, operation);
        return new Result(throughput, latency);
    }
}
