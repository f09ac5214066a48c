using Bench.Report;
using Bench.Timing;
using CapacityIngest;

namespace Bench.Workloads;

/// <summary>
/// Workload 4: the guide's searches and capacity ingest at once. Ingest is scheduled at 10 times
/// the normal rate (--normal-ingest, 500 changes/s by default: the crisis rate is the issue's
/// 5,000 changes/s) as Bundles of 50 changes from 16 suppliers; the searches run at half the rate
/// they sustained alone in workload 2 (or 20/s). Both open loop, latency from the scheduled start.
/// </summary>
public static class CrisisMix
{
    public static async Task<IReadOnlyList<Row>> RunAsync(Context context)
    {
        var kinds = await SearchKinds.BuildAsync(context);
        var searches = kinds.SelectMany(k => k.HostPaths.Select(path => (Path: path, k.Token))).ToList();
        var crisis = await CrisisIngest.PrepareAsync(context);
        var crisisRate = 10 * context.Settings.NormalIngest;
        var searchRate = context.SearchMixRate is { } alone ? Math.Max(1, alone / 2) : 20;
        Task<bool> Search(long i) => context.Host.GetAsync(searches[(int)(i % searches.Count)].Path, searches[(int)(i % searches.Count)].Token);

        var duration = context.Settings.Seconds;
        var ingest = OpenLoop.RunAsync(CrisisIngest.BundlesPerSecond(crisisRate), ZonePlan.Suppliers, duration, crisis.SendAsync);
        var search = OpenLoop.RunAsync(searchRate, Context.SearchConnections, duration, Search);
        var (ingested, searched) = (await ingest, await search);
        var acceptedRate = crisis.Accepted / Math.Max(duration.TotalSeconds, ingested.Count / Math.Max(ingested.PerSecond, 1e-9));
        var holds = acceptedRate >= 5000;
        return
        [
            new Row("4 crisis mix: searches under ingest", searched.PerSecond, "req/s", searched.P50, searched.P95, searched.P99, "",
                "p99 < 100 ms while ingest holds 5,000 changes/s", searched.P99 < 100 && holds, searched.Failures, $"{searched.Method}; the {kinds.Count} guide searches in turn"),
            new Row("4 crisis mix: ingest", acceptedRate, "changes/s", ingested.P50, ingested.P95, ingested.P99, "",
                $">= 5,000 changes/s (scheduled {crisisRate:N0}/s = 10 x normal)", holds, ingested.Failures, $"{ingested.Method}; bundles of {CapacityIngestWorkload.BundleSize} changes, latency per bundle"),
        ];
    }
}
