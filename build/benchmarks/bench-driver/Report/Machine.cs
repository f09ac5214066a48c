using System.Globalization;

namespace Bench.Report;

/// <summary>The machine a run was measured on, and how loaded it was (load averages at the start and the end).</summary>
public sealed record Machine(string Cpu, int Cores, double MemoryGb, string LoadAtStart, string LoadAtEnd)
{
    public static Machine AtStart() => new(CpuModel(), Environment.ProcessorCount, TotalMemoryGb(), Load(), "");

    public Machine AtEnd() => this with { LoadAtEnd = Load() };

    public override string ToString() => $"{Cpu}, {Cores} cores, {MemoryGb:F0} GB; load average {LoadAtStart} at the start, {LoadAtEnd} at the end";

    private static string Load() => string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "unknown CPU";

    private static double TotalMemoryGb() =>
        double.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024 / 1024;
}
