using HdrHistogram;

namespace Bench.Timing;

/// <summary>
/// Latencies in microseconds, one HdrHistogram per worker (no lock on the hot path), merged at
/// the end; up to one minute at three significant digits.
/// </summary>
public sealed class Latencies
{
    private const long Highest = 60_000_000;
    private readonly List<LongHistogram> _parts = [];

    public LongHistogram NewPart()
    {
        var part = new LongHistogram(Highest, 3);
        lock (_parts) _parts.Add(part);
        return part;
    }

    public static void Record(LongHistogram part, TimeSpan elapsed) =>
        part.RecordValue(Math.Clamp((long)elapsed.TotalMicroseconds, 1, Highest));

    public static Latencies Of(IEnumerable<double> milliseconds)
    {
        var latencies = new Latencies();
        var part = latencies.NewPart();
        foreach (var ms in milliseconds) Record(part, TimeSpan.FromMilliseconds(ms));
        return latencies;
    }

    public long Count => Merged().TotalCount;

    /// <summary>p50, p95, p99 in milliseconds (NaN when nothing was recorded).</summary>
    public (double P50, double P95, double P99) Percentiles()
    {
        var merged = Merged();
        if (merged.TotalCount == 0) return (double.NaN, double.NaN, double.NaN);
        double At(double p) => merged.GetValueAtPercentile(p) / 1000.0;
        return (At(50), At(95), At(99));
    }

    private LongHistogram Merged()
    {
        var merged = new LongHistogram(Highest, 3);
        lock (_parts) foreach (var part in _parts) merged.Add(part);
        return merged;
    }
}
