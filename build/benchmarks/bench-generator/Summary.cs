using System.Globalization;
using BenchGenerator.Planning;
using BenchGenerator.Stages;

namespace BenchGenerator;

/// <summary>
/// The end of a run: what was created, each stage's rate, and the duration expected at scale
/// 1.0 from those rates (each stage's work grows with the scale; the rates are assumed to hold).
/// </summary>
public static class Summary
{
    public static void Print(TextWriter output, NationalPlan plan, IReadOnlyList<StageResult> results, TimeSpan elapsed)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"created: {plan.EJs.Count:N0} EJ, {plan.EGs.Count:N0} EG, {plan.UOCount:N0} UO, {plan.LieuCount:N0} lieux, {plan.IndicatorCount:N0} capacity indicators in {elapsed.TotalSeconds:F1} s"));
        foreach (var result in results) output.WriteLine("  " + result);
        var expected = ExpectedAtNationalScale(plan, results);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"expected at scale 1.0 from these rates: {expected.TotalMinutes:F0} min ({expected.TotalHours:F1} h)"));
        if (CpuBoundAtNationalScale(plan, results) is { } cpuBound)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CPU of the host and PostgreSQL at scale 1.0 from these costs: {cpuBound.TotalMinutes:F0} min, i.e. {cpuBound.TotalMinutes / Environment.ProcessorCount:F0} min on {Environment.ProcessorCount} idle cores"));
    }

    /// <summary>The host's and PostgreSQL's CPU time the stages would take at scale 1.0, when measured.</summary>
    public static TimeSpan? CpuBoundAtNationalScale(NationalPlan plan, IReadOnlyList<StageResult> results) =>
        results.All(r => r.CpuPerItem is not null)
            ? TimeSpan.FromMilliseconds(results.Sum(r => (r.CpuPerItem!.Value.Host + r.CpuPerItem!.Value.Postgres) * r.Count / plan.Scale))
            : null;

    public static TimeSpan ExpectedAtNationalScale(NationalPlan plan, IReadOnlyList<StageResult> results) =>
        TimeSpan.FromSeconds(results.Sum(r => r.Count / plan.Scale / Math.Max(r.Rate, 1e-6)));

    public static object Json(NationalPlan plan, IReadOnlyList<StageResult> results, TimeSpan elapsed) => new
    {
        seed = plan.Seed, scale = plan.Scale,
        ej = plan.EJs.Count, eg = plan.EGs.Count, uo = plan.UOCount, lieux = plan.LieuCount, indicators = plan.IndicatorCount,
        seconds = Math.Round(elapsed.TotalSeconds, 1),
        stages = results.Select(r => new { stage = r.Stage, unit = r.Unit, count = r.Count, seconds = Math.Round(r.Elapsed.TotalSeconds, 1), perSecond = Math.Round(r.Rate, 1),
            hostCpuMsPerItem = r.CpuPerItem is { } cpu ? Math.Round(cpu.Host, 3) : (double?)null,
            postgresCpuMsPerItem = r.CpuPerItem is { } pg ? Math.Round(pg.Postgres, 3) : (double?)null }),
        expectedSecondsAtScale1 = Math.Round(ExpectedAtNationalScale(plan, results).TotalSeconds),
        cpuSecondsAtScale1 = CpuBoundAtNationalScale(plan, results) is { } cpu ? Math.Round(cpu.TotalSeconds) : (double?)null,
    };
}
