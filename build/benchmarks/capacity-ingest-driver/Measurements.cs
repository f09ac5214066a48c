using System.Net;

namespace CapacityIngest;

/// <summary>What the run counts: accepted changes, latency per Bundle, freshness, refusals.</summary>
public sealed class Measurements
{
    private readonly Lock _lock = new();
    private readonly List<double> _latencies = [];
    private readonly List<double> _freshness = [];
    private readonly Dictionary<HttpStatusCode, int> _refused = [];
    private string? _firstRefusal;
    private long _changes;
    private int _neverFresh;
    private int _notProbed;

    public void Accepted(int changes, TimeSpan latency)
    {
        lock (_lock) { _changes += changes; _latencies.Add(latency.TotalMilliseconds); }
    }

    public void Refused(HttpStatusCode status, string body)
    {
        lock (_lock) { _refused[status] = _refused.GetValueOrDefault(status) + 1; _firstRefusal ??= $"{(int)status}: {body}"; }
    }

    public void Fresh(TimeSpan delay)
    {
        lock (_lock) _freshness.Add(delay.TotalMilliseconds);
    }

    public void NeverFresh()
    {
        lock (_lock) _neverFresh++;
    }

    /// <summary>A Bundle answered while every prober was busy: no freshness figure for it.</summary>
    public void NotProbed()
    {
        lock (_lock) _notProbed++;
    }

    /// <summary>The run's figures, for a caller that reports them its own way (build/bench's driver).</summary>
    public (long Changes, int Bundles, int Refused, int NeverFresh, int NotProbed, double[] Latencies, double[] Freshness) Figures()
    {
        lock (_lock) return (_changes, _latencies.Count, _refused.Values.Sum(), _neverFresh, _notProbed, [.. _latencies], [.. _freshness]);
    }

    public string Report(TimeSpan elapsed)
    {
        lock (_lock)
        {
            var lines = new List<string>
            {
                $"accepted: {_changes} indicator changes in {_latencies.Count} bundles, {elapsed.TotalSeconds:F1} s: {_changes / elapsed.TotalSeconds:F0} changes/s",
                $"latency per bundle: p50 {Percentile(_latencies, 0.50):F0} ms, p99 {Percentile(_latencies, 0.99):F0} ms, max {(_latencies.Count > 0 ? _latencies.Max() : 0):F0} ms",
                $"freshness (200 to visible): p50 {Percentile(_freshness, 0.50):F0} ms, p99 {Percentile(_freshness, 0.99):F0} ms, max {(_freshness.Count > 0 ? _freshness.Max() : 0):F0} ms ({_freshness.Count} probes, {_neverFresh} not visible within 10 s, {_notProbed} bundles not probed: every prober busy)",
            };
            if (_refused.Count > 0)
                lines.Add($"refused bundles: {string.Join(", ", _refused.Select(r => $"{(int)r.Key} x{r.Value}"))}; first: {Shortened(_firstRefusal)}");
            return string.Join(Environment.NewLine, lines);
        }
    }

    /// <summary>CPU per accepted change during the run (freshness probes included), and what two idle cores would then take.</summary>
    public string CpuReport(TimeSpan host, TimeSpan postgres, TimeSpan elapsed)
    {
        lock (_lock)
        {
            if (_changes == 0) return "cpu: no change accepted";
            var perChange = (host + postgres).TotalMilliseconds / _changes;
            return $"cpu during the run: host {host.TotalSeconds:F1} s ({host.TotalMilliseconds / _changes:F3} ms/change), PostgreSQL {postgres.TotalSeconds:F1} s ({postgres.TotalMilliseconds / _changes:F3} ms/change); " +
                   $"both used {(host + postgres).TotalSeconds / elapsed.TotalSeconds:F2} cores; at {perChange:F3} ms of CPU per change, 2 idle cores would take at most {2000 / perChange:F0} changes/s";
        }
    }

    private static string Shortened(string? text) => text is null ? "" : text[..Math.Min(text.Length, 400)];

    private static double Percentile(List<double> values, double rank)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(rank * sorted.Count) - 1)];
    }
}
