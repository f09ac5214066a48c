using System.Diagnostics;

namespace Bench.Timing;

/// <summary>
/// Open loop, for latency: operation i is scheduled at start + i / rate whatever happened
/// before, and its latency runs from that scheduled start, not from when a worker got to send
/// it (coordinated omission: a server that stalls is charged for every request it delayed).
/// At most <c>connections</c> operations are in flight; past that, the next ones wait, and
/// their wait counts. <c>observe</c>, when given, is told each succeeded operation's index and
/// latency (to break the percentiles down by kind).
/// </summary>
public static class OpenLoop
{
    public static async Task<Measured> RunAsync(double rate, int connections, TimeSpan duration, Func<long, Task<bool>> operation, Action<long, TimeSpan>? observe = null)
    {
        var latencies = new Latencies();
        long next = -1, failures = 0;
        var interval = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            var part = latencies.NewPart();
            while (true)
            {
                var index = Interlocked.Increment(ref next);
                var scheduled = start + (long)(index * interval);
                if (scheduled >= end) return;
                var wait = TimeSpan.FromSeconds((scheduled - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
                if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
                var ok = await ClosedLoop.Safely(operation, index);
                if (ok)
                {
                    var latency = Stopwatch.GetElapsedTime(scheduled);
                    Latencies.Record(part, latency);
                    observe?.Invoke(index, latency);
                }
                else Interlocked.Increment(ref failures);
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(start);
        return Measured.From(latencies, failures, elapsed, $"open loop at {rate:F0}/s, {connections} connections, latency from the scheduled start");
    }
}
