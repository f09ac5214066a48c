using System.Globalization;
using Bench.Report;
using Bench.Timing;
using CapacityIngest;

namespace Bench.Workloads;

/// <summary>
/// Workload 6: $description as of an instant (auditor) for the EG with the most lieux taking
/// beds, once its lieux' capacity streams hold --description-events events (10,000 by default):
/// Bundles of new counts are sent until SQL counts them, then the description as of now is
/// asked by one auditor, one request after the other (closed loop, latency from the send),
/// once the host's JIT has settled on it (not in a smoke run).
/// </summary>
public static class DescriptionAsOf
{
    public static async Task<IReadOnlyList<Row>> RunAsync(Context context)
    {
        var eg = context.Ids.Described ?? throw new InvalidOperationException("no EG with a lieu taking beds: nothing to describe");
        using var supplier = Suppliers.Client(context.Settings.Host, context.Tokens.Of("bench-supplier-17"));
        await IndicatorSetup.EnsureAsync(supplier, eg.Zones);
        var prefix = $"capacity-{eg.Finess}-";
        var events = await EventCount.OfAsync(context.ConnectionString, prefix);
        var random = new Random(context.Settings.Seed);
        while (events < context.Settings.DescriptionEvents)
        {
            var bundles = Math.Clamp((context.Settings.DescriptionEvents - events) / (eg.Zones.Count * Indicators.PerLieu) + 1, 1, 20);
            for (var i = 0; i < bundles; i++)
            {
                var changes = eg.Zones.SelectMany(zone => Enumerable.Range(0, Indicators.PerLieu).Select(k => (zone, k, random.Next(0, 30)))).ToList();
                var status = await IndicatorSetup.SendAsync(supplier, changes, add: false);
                if (status != System.Net.HttpStatusCode.OK) throw new InvalidOperationException($"a capacity Bundle for {eg.Eg} answered {(int)status}");
            }
            events = await EventCount.OfAsync(context.ConnectionString, prefix);
        }
        var at = Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        var path = $"/fhir/Organization/{eg.Eg}/$description?at={at}";
        var auditor = context.Tokens.Of("bench-auditor");
        await context.Host.GetTextAsync(path, auditor);
        // Measured once the host's JIT has settled on the replay, as workload 1 is: the first
        // requests run its code unoptimized while it tiers up, and one of 70 is the p99.
        await HostWarmUp.UntilJitSettledAsync(context, () => ClosedLoop.RunAsync(1, TimeSpan.FromSeconds(2), _ => context.Host.GetAsync(path, auditor)));
        var measured = await ClosedLoop.RunAsync(1, context.Settings.Seconds, _ => context.Host.GetAsync(path, auditor));
        return
        [
            new Row($"6 $description as of an instant ({events:N0} capacity events)", measured.PerSecond, "req/s", measured.P50, measured.P95, measured.P99, "",
                "p99 < 200 ms", measured.Count > 0 && measured.P99 < 200, measured.Failures, $"{measured.Method}, latency from the send; {eg.Eg}, {eg.Zones.Count} lieux"),
        ];
    }
}
