using Bench.Report;
using Bench.Timing;
using CapacityIngest;

namespace Bench.Workloads;

/// <summary>
/// Workload 4: the guide's searches and capacity ingest at once. The searches go in turn over
/// every kind's paths; their mix is first measured alone (closed loop, 8 connections), then run
/// open loop at half that rate (or at --mix-search-rate, to compare builds whose searches differ in
/// speed at the same load), alone and then while ingest is scheduled at 10 times the normal
/// rate (--normal-ingest, 500 changes/s by default: the 5,000 changes/s) as Bundles of
/// 50 changes from 16 suppliers. Latency from the scheduled start; each kind is reported under
/// ingest beside its own figures alone at the same rate.
/// </summary>
public static class CrisisMix
{
    public static async Task<IReadOnlyList<Row>> RunAsync(Context context)
    {
        var kinds = await SearchKinds.BuildAsync(context);
        var searches = kinds.SelectMany((k, kind) => k.HostPaths.Select(path => (Path: path, k.Token, Kind: kind))).ToList();
        var crisis = await CrisisIngest.PrepareAsync(context);
        await crisis.WarmUpAsync(context);
        var crisisRate = 10 * context.Settings.NormalIngest;
        var duration = context.Settings.Seconds;
        Task<bool> Search(long i) => context.Host.GetAsync(searches[(int)(i % searches.Count)].Path, searches[(int)(i % searches.Count)].Token);
        int KindOf(long i) => searches[(int)(i % searches.Count)].Kind;

        await ClosedLoop.RunAsync(Context.SearchConnections, duration / 3, Search);
        var mixAlone = await ClosedLoop.RunAsync(Context.SearchConnections, duration, Search);
        var searchRate = context.Settings.MixSearchRate ?? Math.Max(1, mixAlone.PerSecond / 2);
        var alone = new LatenciesByKind(kinds.Count, KindOf);
        var searchedAlone = await OpenLoop.RunAsync(searchRate, Context.SearchConnections, duration, Search, alone.Record);

        var underIngest = new LatenciesByKind(kinds.Count, KindOf);
        var ingest = OpenLoop.RunAsync(CrisisIngest.BundlesPerSecond(crisisRate), ZonePlan.Suppliers, duration, crisis.SendAsync);
        var search = OpenLoop.RunAsync(searchRate, Context.SearchConnections, duration, Search, underIngest.Record);
        var (ingested, searched) = (await ingest, await search);
        var acceptedRate = crisis.Accepted / Math.Max(duration.TotalSeconds, ingested.Count / Math.Max(ingested.PerSecond, 1e-9));
        var holds = acceptedRate >= 5000;
        var rows = new List<Row>
        {
            new("4 crisis mix: searches under ingest", searched.PerSecond, "req/s", searched.P50, searched.P95, searched.P99, "",
                "p99 < 100 ms while ingest holds 5,000 changes/s", searched.P99 < 100 && holds, searched.Failures,
                $"{searched.Method}; the {kinds.Count} guide searches in turn, " +
                (context.Settings.MixSearchRate is null ? "at half" : "at --mix-search-rate; half would be") + $" the {mixAlone.PerSecond:F1}/s their mix sustains alone (closed loop); " +
                $"alone at the same rate: p50 {searchedAlone.P50:F1}, p95 {searchedAlone.P95:F1}, p99 {searchedAlone.P99:F1} ms"),
        };
        for (var kind = 0; kind < kinds.Count; kind++)
        {
            var (count, p50, p95, p99) = underIngest.Of(kind);
            var (aloneCount, aloneP50, _, aloneP99) = alone.Of(kind);
            rows.Add(new Row($"4 crisis mix: {kinds[kind].Name} under ingest", searched.PerSecond * count / Math.Max(searched.Count, 1), "req/s",
                p50, p95, p99, "", "", null, 0, $"alone at the same rate: {aloneCount} requests, p50 {aloneP50:F1}, p99 {aloneP99:F1} ms"));
        }
        rows.Add(new Row("4 crisis mix: ingest", acceptedRate, "changes/s", ingested.P50, ingested.P95, ingested.P99, "",
            $">= 5,000 changes/s (scheduled {crisisRate:N0}/s = 10 x normal)", holds, ingested.Failures, $"{ingested.Method}; bundles of {CapacityIngestWorkload.BundleSize} changes, latency per bundle"));
        return rows;
    }
}
