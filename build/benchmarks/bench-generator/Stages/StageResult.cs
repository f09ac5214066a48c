using System.Globalization;

namespace BenchGenerator.Stages;

/// <summary>What a stage wrote and how fast: <see cref="Count"/> items (establishments, dossiers, changes) in <see cref="Elapsed"/>.</summary>
public sealed record StageResult(string Stage, string Unit, long Count, TimeSpan Elapsed, string? Note = null)
{
    public double Rate => Count / Math.Max(Elapsed.TotalSeconds, 1e-3);

    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "{0,-16} {1,9:N0} {2,-15} in {3,7:F1} s  {4,8:F1} {2}/s{5}", Stage, Count, Unit, Elapsed.TotalSeconds, Rate, Note is null ? "" : "  " + Note);
}
