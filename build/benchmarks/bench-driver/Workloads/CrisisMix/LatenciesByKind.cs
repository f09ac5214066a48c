using Bench.Timing;
using HdrHistogram;

namespace Bench.Workloads;

/// <summary>
/// The latencies of an open loop broken down by the kind of each operation (operation i is of
/// kind <c>kindOf(i)</c>); a lock per kind, as the open loop's workers record concurrently.
/// </summary>
public sealed class LatenciesByKind(int kinds, Func<long, int> kindOf)
{
    private readonly (Latencies All, LongHistogram Part)[] _kinds = [.. Enumerable.Range(0, kinds).Select(_ => New())];

    public void Record(long index, TimeSpan latency)
    {
        var kind = _kinds[kindOf(index)];
        lock (kind.All) Latencies.Record(kind.Part, latency);
    }

    public (long Count, double P50, double P95, double P99) Of(int kind)
    {
        var latencies = _kinds[kind].All;
        var (p50, p95, p99) = latencies.Percentiles();
        return (latencies.Count, p50, p95, p99);
    }

    private static (Latencies, LongHistogram) New()
    {
        var latencies = new Latencies();
        return (latencies, latencies.NewPart());
    }
}
