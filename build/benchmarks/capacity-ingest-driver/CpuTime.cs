using System.Globalization;

namespace CapacityIngest;

/// <summary>
/// CPU time (user + system) of the host process and of a PostgreSQL server (the postmaster and
/// its backends), read from /proc, so that a run on a shared machine still tells what a change
/// costs. Processes are given by id (--cpu HOST_PID,POSTMASTER_PID); none: nothing measured.
/// </summary>
public sealed class CpuTime(int? host, int? postmaster)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public (TimeSpan Host, TimeSpan Postgres) Sample() =>
        (host is { } h ? Of(h) : TimeSpan.Zero,
         postmaster is { } p ? Of(p, withEndedChildren: true) + ChildrenOf(p).Aggregate(TimeSpan.Zero, (sum, child) => sum + Of(child)) : TimeSpan.Zero);

    public bool Measures => host is not null || postmaster is not null;

    public static CpuTime Parse(string? pids)
    {
        var parts = (pids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        return new CpuTime(parts.Length > 0 ? parts[0] : null, parts.Length > 1 ? parts[1] : null);
    }

    /// <summary>The CPU time of a process (all its threads); zero once it ended.</summary>
    /// <param name="withEndedChildren">
    /// With the time of its children that ended (cutime, cstime): a backend that ends during the
    /// run (a pooled connection pruned) takes its time out of the live children's sum, into this.
    /// </param>
    public static TimeSpan Of(int pid, bool withEndedChildren = false) => Read($"/proc/{pid}/stat", withEndedChildren);

    /// <summary>
    /// The CPU time of one thread of a process; zero once it ended. Read from
    /// /proc/PID/task/TID/stat: /proc/TID/stat answers for a thread too, but with the times of its
    /// whole process.
    /// </summary>
    public static TimeSpan OfThread(int pid, int thread) => Read($"/proc/{pid}/task/{thread}/stat", withEndedChildren: false);

    private static TimeSpan Read(string path, bool withEndedChildren)
    {
        try
        {
            var stat = File.ReadAllText(path);
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After the command: state is field 3, utime 14, stime 15, cutime 16, cstime 17 (1-based over the whole line).
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            if (withEndedChildren) ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (IOException)
        {
            return TimeSpan.Zero; // a backend that ended meanwhile
        }
    }

    private static IEnumerable<int> ChildrenOf(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsDigit))
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture))
            .Where(pid => ParentOf(pid) == parent);

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
