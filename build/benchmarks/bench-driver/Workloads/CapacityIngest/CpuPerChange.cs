using Bench.Report;

namespace Bench.Workloads;

/// <summary>
/// The CPU the host and PostgreSQL (the postmaster and its backends) spent per accepted change
/// during the ingest. Steadier than the rate on a shared 2-core machine: it says what a change
/// costs, not how the run shared the cores, and the pair says which side to work on.
/// </summary>
public sealed record CpuPerChange(double HostMicroseconds, double PostgresMicroseconds)
{
    public static CpuPerChange Of((TimeSpan Host, TimeSpan Postgres) before, (TimeSpan Host, TimeSpan Postgres) after, long changes) =>
        changes <= 0
            ? new CpuPerChange(double.NaN, double.NaN) // nothing accepted: no cost per change to tell
            : new CpuPerChange((after.Host - before.Host).TotalMicroseconds / changes, (after.Postgres - before.Postgres).TotalMicroseconds / changes);

    /// <summary>The row: µs of CPU per change, host + PostgreSQL, each in the details.</summary>
    public Row Row(string name) => double.IsNaN(HostMicroseconds)
        ? new(name, double.NaN, "µs CPU/change", double.NaN, double.NaN, double.NaN, "", "", null, 0, "no change accepted: no CPU per change")
        : new(name, Math.Round(HostMicroseconds + PostgresMicroseconds), "µs CPU/change", double.NaN, double.NaN, double.NaN, "", "", null, 0,
            $"host {HostMicroseconds:F0} µs + PostgreSQL {PostgresMicroseconds:F0} µs per accepted change (/proc, 10 ms ticks), freshness probes included; 2 cores at 100 % would take {2_000_000 / Math.Max(1, HostMicroseconds + PostgresMicroseconds):F0} changes/s");
}
