using System.Globalization;

namespace BenchGenerator.Stages;

/// <summary>
/// What a stage wrote and how fast: <see cref="Count"/> items (establishments, dossiers, changes)
/// in <see cref="Elapsed"/>; with the CPU time the host and PostgreSQL spent meanwhile, when measured.
/// </summary>
public sealed record StageResult(string Stage, string Unit, long Count, TimeSpan Elapsed, string? Note = null)
{
    public TimeSpan? HostCpu { get; init; }
    public TimeSpan? PostgresCpu { get; init; }

    public double Rate => Count / Math.Max(Elapsed.TotalSeconds, 1e-3);

    /// <summary>CPU milliseconds per item, host then PostgreSQL.</summary>
    public (double Host, double Postgres)? CpuPerItem => HostCpu is { } host && PostgresCpu is { } postgres && Count > 0
        ? (host.TotalMilliseconds / Count, postgres.TotalMilliseconds / Count)
        : null;

    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "{0,-16} {1,9:N0} {2,-15} in {3,7:F1} s  {4,8:F1} {2}/s{5}{6}", Stage, Count, Unit, Elapsed.TotalSeconds, Rate,
        CpuPerItem is { } cpu ? $"  CPU per item: host {cpu.Host:F2} ms, PostgreSQL {cpu.Postgres:F2} ms" : "",
        Note is null ? "" : "  " + Note);
}
