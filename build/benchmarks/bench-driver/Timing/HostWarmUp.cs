namespace Bench.Timing;

/// <summary>
/// Runs a workload's own requests against the host until its JIT has settled on them
/// (<see cref="FhirReads.JitSettling"/>: rounds until the tier-up compiler uses under 2 % of a
/// core, at most 90 s), so that the measure that follows is not of code still tiering up. Skipped
/// in a smoke run, which only keeps the harness working.
/// </summary>
public static class HostWarmUp
{
    private static readonly TimeSpan AtMost = TimeSpan.FromSeconds(90);

    public static async Task UntilJitSettledAsync(Workloads.Context context, Func<Task> round)
    {
        if (context.Settings.Smoke) return;
        var settling = await FhirReads.JitSettling.WarmUpAsync(context.Settings.HostPid, round, AtMost);
        Console.Error.WriteLine($"bench: host {settling}");
    }
}
