using Bench.Timing;
using CapacityIngest;

namespace Bench.Workloads;

/// <summary>
/// Capacity ingest as in a crisis: 16 suppliers, each sending transaction Bundles of 50
/// replaced indicators on its own lieux, in turn; what the crisis mix and the soak schedule.
/// </summary>
public sealed class CrisisIngest
{
    private readonly List<HttpClient> _clients;
    private readonly List<string[][]> _groups;
    private long _accepted;

    private CrisisIngest(List<HttpClient> clients, List<string[][]> groups)
    {
        _clients = clients;
        _groups = groups;
    }

    /// <summary>Changes accepted so far.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Bundles per second for a rate of changes per second.</summary>
    public static double BundlesPerSecond(double changesPerSecond) => changesPerSecond / CapacityIngestWorkload.BundleSize;

    public static async Task<CrisisIngest> PrepareAsync(Context context)
    {
        var plan = ZonePlan.For(context.Ids.Zones);
        var clients = context.Tokens.Suppliers(ZonePlan.Suppliers).Select(t => Suppliers.Client(context.Settings.Host, t)).ToList();
        await IndicatorSetup.EnsureAsync(clients[0], [.. plan.SelectMany(z => z).Distinct()]);
        return new CrisisIngest(clients, plan.Select(zones => zones.Chunk(CapacityIngestWorkload.BundleSize / Indicators.PerLieu).ToArray()).ToList());
    }

    /// <summary>
    /// Ingest in closed loop, a few seconds per round, until the host's JIT has settled on its
    /// write path (<see cref="HostWarmUp"/>): measured on a cold host, the crisis mix measured the
    /// compiler as well.
    /// </summary>
    public Task WarmUpAsync(Context context) =>
        HostWarmUp.UntilJitSettledAsync(context, () => ClosedLoop.RunAsync(ZonePlan.Suppliers, TimeSpan.FromSeconds(3), SendAsync));

    /// <summary>Bundle number i: supplier i mod 16, its lieux in turn, random counts.</summary>
    public async Task<bool> SendAsync(long i)
    {
        var supplier = (int)(i % ZonePlan.Suppliers);
        var group = _groups[supplier][(int)(i / ZonePlan.Suppliers % _groups[supplier].Length)];
        var changes = group.SelectMany(zone => Enumerable.Range(0, Indicators.PerLieu).Select(k => (zone, k, Random.Shared.Next(0, 30)))).ToList();
        var ok = await IndicatorSetup.SendAsync(_clients[supplier], changes, add: false) == System.Net.HttpStatusCode.OK;
        if (ok) Interlocked.Add(ref _accepted, changes.Count);
        return ok;
    }
}
