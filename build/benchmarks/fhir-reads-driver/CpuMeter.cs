namespace FhirReads;

/// <summary>
/// CPU time (user + system, from /proc) of a host process, and of a PostgreSQL cluster (its
/// postmaster, the backends it runs and those it has reaped). Divided by the requests of a run,
/// it tells what a request costs in CPU: unlike throughput, this hardly depends on how many
/// other processes wait for the same cores.
/// </summary>
public sealed class CpuMeter(int process, bool withChildren)
{
    private static readonly double TicksPerMs = 100 / 1000.0; // USER_HZ (sysconf CLK_TCK) is 100 on Linux.

    public double Milliseconds()
    {
        var ticks = Ticks(process, withChildren);
        if (withChildren)
            foreach (var child in Children(process)) ticks += Ticks(child, false);
        return ticks / TicksPerMs;
    }

    private static long Ticks(int pid, bool reaped)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (in parentheses, which may hold spaces): state is field 3.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long Field(int n) => long.Parse(fields[n - 3]);
            return Field(14) + Field(15) + (reaped ? Field(16) + Field(17) : 0);
        }
        catch (IOException)
        {
            return 0; // gone since listed
        }
    }

    private static IEnumerable<int> Children(int parent)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            string stat;
            try { stat = File.ReadAllText($"{directory}/stat"); }
            catch (IOException) { continue; }
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (int.Parse(fields[1]) == parent) yield return pid;
        }
    }
}
