using System.Globalization;

namespace BenchGenerator;

/// <summary>
/// CPU time (user + system, from /proc) of the host process and of a PostgreSQL server, so
/// that a run on a shared machine still tells what an item costs. PostgreSQL's is the
/// postmaster's own, plus its live backends', plus what its ended backends spent (the
/// postmaster reaps them: their time is in its cutime and cstime), so that a connection closed
/// during a stage does not take its time away. Processes by id: <c>--cpu HOST_PID,POSTMASTER_PID</c>.
/// </summary>
public sealed class ProcessCpu(int hostPid, int postmaster)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static ProcessCpu? Parse(string? pids)
    {
        if (string.IsNullOrWhiteSpace(pids)) return null;
        var parts = pids.Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        if (parts.Length != 2) throw new ArgumentException("--cpu is HOST_PID,POSTMASTER_PID");
        return new ProcessCpu(parts[0], parts[1]);
    }

    public (TimeSpan Host, TimeSpan Postgres) Sample()
    {
        var host = Ticks(host: true, Stat(hostPid));
        var postgres = Ticks(host: false, Stat(postmaster)) + Children(postmaster).Sum(child => Ticks(host: true, Stat(child)));
        return (TimeSpan.FromSeconds(host / TicksPerSecond), TimeSpan.FromSeconds(postgres / TicksPerSecond));
    }

    /// <summary>The fields after the command: state is [0], ppid [1], utime [11], stime [12], cutime [13], cstime [14].</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null; // ended meanwhile
        }
    }

    private static long Ticks(bool host, string[]? fields) => fields is null ? 0
        : Field(fields, 11) + Field(fields, 12) + (host ? 0 : Field(fields, 13) + Field(fields, 14));

    private static long Field(string[] fields, int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);

    private static IEnumerable<int> Children(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsAsciiDigit))
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture))
            .Where(pid => Stat(pid) is { } fields && fields[1] == parent.ToString(CultureInfo.InvariantCulture));
}
