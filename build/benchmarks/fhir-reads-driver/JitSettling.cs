using System.Globalization;
using CapacityIngest;

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

    /// <summary>How long the warm-up took, and the compiler's CPU time meanwhile; Settled false when its time ran out first.</summary>
    public sealed record Outcome(TimeSpan Waited, double CompilerMs, bool Settled)
    {
        public override string ToString() =>
            $"JIT {(Settled ? "settled" : "STILL COMPILING")} after {Waited.TotalSeconds:F0} s of warm-up ({CompilerMs:F0} ms of tier-up compilation meanwhile)";
    }

    public static async Task<Outcome> WarmUpAsync(int hostPid, Func<Task> round, TimeSpan atMost)
    {
        var started = DateTime.UtcNow;
        var compiler = 0.0;
        while (true)
        {
            var before = CompilerTimes(hostPid);
            var roundStarted = DateTime.UtcNow;
            await round();
            var elapsed = DateTime.UtcNow - roundStarted;
            var after = CompilerTimes(hostPid);
            var used = CompilerMs(before, after);
            compiler += used;
            // A compiler thread that ended during the round took its time with it: not settled.
            var ended = before.Keys.Any(thread => !after.ContainsKey(thread));
            if (!ended && used <= elapsed.TotalMilliseconds * SettledShare) return new Outcome(DateTime.UtcNow - started, compiler, true);
            if (DateTime.UtcNow - started >= atMost) return new Outcome(DateTime.UtcNow - started, compiler, false);
        }
    }

    // The runtime ends the worker when it has nothing to compile and starts another later: a
    // thread absent from the first sample counts whole (one that ended is seen by the caller).
    private static double CompilerMs(Dictionary<int, TimeSpan> before, Dictionary<int, TimeSpan> after) =>
        after.Sum(thread => (thread.Value - before.GetValueOrDefault(thread.Key)).TotalMilliseconds);

    /// <summary>The CPU time of each compiler thread of the process, by thread id.</summary>
    private static Dictionary<int, TimeSpan> CompilerTimes(int pid)
    {
        if (!Directory.Exists($"/proc/{pid}")) throw new InvalidOperationException($"the host (process {pid}) is gone");
        var times = new Dictionary<int, TimeSpan>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            string name;
            try { name = File.ReadAllText($"{task}/comm").TrimEnd('\n'); }
            catch (IOException) { continue; } // the thread ended since listed
            if (name != CompilerThread) continue;
            var thread = int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture);
            // Zero: it ended since listed, or has not run yet; either way nothing to count.
            if (CpuTime.OfThread(pid, thread) is var time && time > TimeSpan.Zero) times[thread] = time;
        }
        return times;
    }
}
