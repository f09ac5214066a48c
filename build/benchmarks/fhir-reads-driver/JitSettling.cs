using System.Globalization;

namespace FhirReads;

/// <summary>
/// Warms a host up until its JIT has settled. A fresh .NET host compiles its hot methods a second
/// time, optimized, on a background thread (".NET Tiered Compilation Worker", named
/// <c>.NET Tiered Com</c> in /proc): under load that thread keeps a third of a core busy for the
/// host's first 20 to 30 s, and a run measured meanwhile measures the compiler too (a host with
/// more code to tier up, such as one that records its reads, more than another). The warm-up is
/// repeated until that thread used less than <see cref="SettledShare"/> of a core in one round.
/// </summary>
public static class JitSettling
{
    public const string CompilerThread = ".NET Tiered Com";

    /// <summary>The share of one core the compiler may still use in a settled round.</summary>
    public const double SettledShare = 0.02;

    /// <returns>How long it took, and the compiler's CPU time meanwhile; Settled false when <paramref name="atMost"/> passed first.</returns>
    public static async Task<(TimeSpan Waited, double CompilerMs, bool Settled)> WarmUpAsync(int hostPid, Func<Task> round, TimeSpan atMost)
    {
        var started = DateTime.UtcNow;
        var compiler = 0.0;
        while (true)
        {
            var before = CompilerTicks(hostPid);
            var roundStarted = DateTime.UtcNow;
            await round();
            var elapsed = DateTime.UtcNow - roundStarted;
            var after = CompilerTicks(hostPid);
            var used = CompilerMs(before, after);
            compiler += used;
            // A compiler thread that ended during the round took its time with it: not settled.
            var ended = before.Keys.Any(thread => !after.ContainsKey(thread));
            if (!ended && used <= elapsed.TotalMilliseconds * SettledShare) return (DateTime.UtcNow - started, compiler, true);
            if (DateTime.UtcNow - started >= atMost) return (DateTime.UtcNow - started, compiler, false);
        }
    }

    // The runtime ends the worker when it has nothing to compile and starts another later: a
    // thread absent from the first sample counts whole (one that ended is seen by the caller).
    private static double CompilerMs(Dictionary<int, long> before, Dictionary<int, long> after) =>
        after.Sum(thread => thread.Value - before.GetValueOrDefault(thread.Key)) * 10.0; // USER_HZ: 100 ticks a second

    /// <summary>user + system ticks of each compiler thread of the process, by thread id.</summary>
    private static Dictionary<int, long> CompilerTicks(int pid)
    {
        var ticks = new Dictionary<int, long>();
        if (!Directory.Exists($"/proc/{pid}")) throw new InvalidOperationException($"the host (process {pid}) is gone");
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                if (File.ReadAllText($"{task}/comm").TrimEnd('\n') != CompilerThread) continue;
                var stat = File.ReadAllText($"{task}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] =
                    long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended since listed.
            }
        }
        return ticks;
    }
}
