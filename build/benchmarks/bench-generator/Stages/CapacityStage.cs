using System.Net;
using BenchGenerator.Planning;

namespace BenchGenerator.Stages;

/// <summary>
/// Stage 3: the first capacity of every lieu pushed as suppliers push it: transaction Bundles
/// of PATCHes (about <paramref name="bundleSize"/> changes each, whole lieux), shared in turn
/// between the supplier clients, each sending its Bundles one after the other, all suppliers at
/// once. A Bundle adds the indicators; when it is refused (a restart: they are there already),
/// the same Bundle is sent as replaces, the national protocol's usual write.
/// </summary>
public static class CapacityStage
{
    public static async Task<StageResult> RunAsync(
        IReadOnlyList<HttpClient> suppliers, NationalPlan plan, int bundleSize, DateTimeOffset at, TextWriter? log, CancellationToken cancellation)
    {
        var bundles = Bundles(plan, bundleSize);
        var replaced = 0;
        using var progress = new Progress("capacity", plan.IndicatorCount, log);
        await Parallel.ForEachAsync(Enumerable.Range(0, suppliers.Count),
            new ParallelOptions { MaxDegreeOfParallelism = suppliers.Count, CancellationToken = cancellation },
            async (supplier, token) =>
            {
                for (var b = supplier; b < bundles.Count; b += suppliers.Count)
                {
                    if (!await SendAsync(suppliers[supplier], bundles[b], at, token)) Interlocked.Increment(ref replaced);
                    progress.Advance(bundles[b].Count);
                }
            });
        return new StageResult("capacity", "changes", plan.IndicatorCount, progress.Elapsed,
            $"({bundles.Count:N0} bundles{(replaced > 0 ? $", {replaced} replaced on a restart" : "")})");
    }

    /// <summary>Whole lieux, in plan order, cut into Bundles of about <paramref name="size"/> changes.</summary>
    public static List<List<CapacityBundle.Change>> Bundles(NationalPlan plan, int size)
    {
        var bundles = new List<List<CapacityBundle.Change>>();
        var current = new List<CapacityBundle.Change>();
        foreach (var eg in plan.EGs)
            foreach (var lieu in eg.Lieux)
            {
                var zone = $"1{eg.Finess}/{lieu.IdExterneSynchro}";
                current.AddRange(lieu.Indicators.Select((indicator, i) => new CapacityBundle.Change(zone, lieu.Nature, indicator, lieu.Capacity[i])));
                if (current.Count < size) continue;
                bundles.Add(current);
                current = [];
            }
        if (current.Count > 0) bundles.Add(current);
        return bundles;
    }

    /// <summary>True when added, false when replaced.</summary>
    private static async Task<bool> SendAsync(HttpClient supplier, List<CapacityBundle.Change> changes, DateTimeOffset at, CancellationToken cancellation)
    {
        var (status, body) = await PostAsync(supplier, CapacityBundle.Transaction(changes, add: true, at), cancellation);
        if (status == HttpStatusCode.OK) return true;
        var (replaceStatus, replaceBody) = await PostAsync(supplier, CapacityBundle.Transaction(changes, add: false, at), cancellation);
        if (replaceStatus == HttpStatusCode.OK) return false;
        throw new GenerationFailed($"a capacity Bundle of {changes.Count} changes ({changes[0].Zone} ...) was refused: add {(int)status}: {Abridged(body)}; replace {(int)replaceStatus}: {Abridged(replaceBody)}");
    }

    private static async Task<(HttpStatusCode, string)> PostAsync(HttpClient supplier, string bundle, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir")
        {
            Content = new StringContent(bundle, System.Text.Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Add("Prefer", "return=minimal");
        using var response = await supplier.SendAsync(request, cancellation);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellation));
    }

    private static string Abridged(string text) => text.Length <= 1000 ? text : text[..1000] + "…";
}
