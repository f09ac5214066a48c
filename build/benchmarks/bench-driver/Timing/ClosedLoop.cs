using System.Diagnostics;

namespace Bench.Timing;

/// <summary>
/// Closed loop, for throughput: N workers, each sends its next operation when the previous one
/// answered, for a duration. Latency is from the send, so it hides the queueing an open loop
/// shows: its percentiles are reported only where stated.
/// </summary>
public static class ClosedLoop
{
    public static async Task<Measured> RunAsync(int workers, TimeSpan duration, Func<long, Task<bool>> operation)
    {
        var latencies = new Latencies();
        long next = -1, failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            var part = latencies.NewPart();
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await Safely(operation, Interlocked.Increment(ref next));
                if (ok) Latencies.Record(part, Stopwatch.GetElapsedTime(started));
                else Interlocked.Increment(ref failures);
            }
        })));
        return Measured.From(latencies, failures, clock.Elapsed, $"closed loop, {workers} connections");
    }

    internal static async Task<bool> Safely(Func<long, Task<bool>> operation, long index)
    {
        try { return await operation(index); }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException) { return false; }
    }
}
