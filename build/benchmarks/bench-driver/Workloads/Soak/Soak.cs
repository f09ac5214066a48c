using System.Diagnostics;
using Bench.Host;
using Bench.Report;
using Bench.Timing;

namespace Bench.Workloads;

/// <summary>
/// Workload 7, the crisis-day soak (build/bench --soak 30m; never in the default set): for the
/// whole duration, capacity ingest at 10 times the normal rate, the guide's searches and reads
/// by id, all open loop, measured window by window (5 minutes, or a sixth of a shorter soak).
/// Each window gives a row per kind (throughput, p50/p95/p99, errors) and the host's resident
/// memory at its end; a last row checks the goals: no error, memory within 10 % of the end of
/// the first (warm-up) window, search p99 of the last window within twice that of the second.
/// The normal rate is --normal-ingest (500 changes/s by default, so 5,000 in the soak): give a
/// small machine a rate it can hold (build/bench --soak 30m --normal-ingest 50), or the errors
/// count what it could not send in time. There is no export in it yet: $export comes with issue 17.
/// </summary>
public static class Soak
{
    public const double SearchRate = 20;
    public const double ReadRate = 100;

    /// <summary>A window's bound as minutes:seconds from the start of the soak.</summary>
    private static string Clock(TimeSpan since) => $"{(int)since.TotalMinutes}:{since.Seconds:00}";

    public static async Task<IReadOnlyList<Row>> RunAsync(Context context)
    {
        var soak = context.Settings.Soak ?? throw new InvalidOperationException("the soak needs --soak DURATION");
        var window = soak >= TimeSpan.FromMinutes(30) ? TimeSpan.FromMinutes(5) : soak / 6;
        var kinds = await SearchKinds.BuildAsync(context);
        var searches = kinds.SelectMany(k => k.HostPaths.Select(path => (Path: path, k.Token))).ToList();
        var reads = context.Ids.Reads;
        var tokens = context.Tokens.Consumers;
        var crisis = await CrisisIngest.PrepareAsync(context);
        var ingestRate = 10 * context.Settings.NormalIngest;
        Task<bool> Search(long i) => context.Host.GetAsync(searches[(int)(i % searches.Count)].Path, searches[(int)(i % searches.Count)].Token);
        Task<bool> Read(long i) => context.Host.GetAsync($"/fhir/{reads[(int)(i % reads.Count)].Type}/{reads[(int)(i % reads.Count)].Id}", tokens[(int)(i % tokens.Count)]);

        var rows = new List<Row>();
        var windows = new List<(Measured Ingest, Measured Searches, Measured Reads, double RssMb)>();
        for (var w = 0; w * window < soak; w++)
        {
            var accepted = crisis.Accepted;
            // Open loop: what was scheduled runs even if late. A request still unsent a second past
            // its window is dropped and counted as an error, so that a server that falls behind
            // shows it in errors, and each window ends on time instead of draining a backlog.
            var sendBy = Stopwatch.GetTimestamp() + (long)((window + TimeSpan.FromSeconds(1)).TotalSeconds * Stopwatch.Frequency);
            Func<long, Task<bool>> InTime(Func<long, Task<bool>> operation) => i => Stopwatch.GetTimestamp() > sendBy ? Task.FromResult(false) : operation(i);
            var ingest = OpenLoop.RunAsync(CrisisIngest.BundlesPerSecond(ingestRate), 16, window, InTime(crisis.SendAsync));
            var search = OpenLoop.RunAsync(SearchRate, Context.SearchConnections, window, InTime(Search));
            var read = OpenLoop.RunAsync(ReadRate, 8, window, InTime(Read));
            var (ingested, searched, readBack) = (await ingest, await search, await read);
            var rss = Resources.RssMbOf(context.Settings.HostPid);
            windows.Add((ingested, searched, readBack, rss));
            var span = $"7 soak {Clock(w * window)}-{Clock((w + 1) * window)}";
            var changesPerSecond = (crisis.Accepted - accepted) / window.TotalSeconds;
            rows.Add(new Row($"{span}: ingest", changesPerSecond, "changes/s", ingested.P50, ingested.P95, ingested.P99, "", "", null, ingested.Failures,
                $"{ingested.Method}; bundles of 50; host RSS {rss:F0} MB at the end of the window") { MaxRssMb = Math.Round(rss, 1) });
            rows.Add(new Row($"{span}: searches", searched.PerSecond, "req/s", searched.P50, searched.P95, searched.P99, "", "", null, searched.Failures, searched.Method));
            rows.Add(new Row($"{span}: reads by id", readBack.PerSecond, "req/s", readBack.P50, readBack.P95, readBack.P99, "", "", null, readBack.Failures, readBack.Method));
            Console.Error.WriteLine($"bench: soak window {w + 1}: {changesPerSecond:F0} changes/s, search p99 {searched.P99:F1} ms, read p99 {readBack.P99:F1} ms, " +
                                    $"errors {ingested.Failures + searched.Failures + readBack.Failures}, RSS {rss:F0} MB");
        }

        var errors = windows.Sum(w => w.Ingest.Failures + w.Searches.Failures + w.Reads.Failures);
        var warm = windows[0].RssMb;
        var growth = (windows[^1].RssMb - warm) / Math.Max(warm, 1);
        var steadyBase = windows[Math.Min(1, windows.Count - 1)].Searches.P99;
        var steady = windows[^1].Searches.P99 <= 2 * Math.Max(steadyBase, 1);
        rows.Add(new Row("7 soak: the goals", errors, "errors", double.NaN, double.NaN, double.NaN, "",
            "0 errors, RSS growth < 10 % after warm-up, search p99 steady", errors == 0 && growth < 0.10 && steady, errors,
            $"{windows.Count} windows of {window.TotalMinutes:F1} min; RSS {warm:F0} MB after the first window, {windows[^1].RssMb:F0} MB at the end ({growth:P1}); " +
            $"search p99 {steadyBase:F1} ms in window 2, {windows[^1].Searches.P99:F1} ms in the last; ingest scheduled at {ingestRate:N0} changes/s"));
        return rows;
    }
}
