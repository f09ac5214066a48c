using System.Diagnostics;
using System.Net.Http.Json;
using Marten;
using RorNational.Domain.Capacity;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Capacity.Publishing.CapacityAppends;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Capacity.Publishing;

/// <summary>
/// Not a test: a timed loop, run by build/benchmarks/capacity-publication, of what the
/// publication costs a capacity transaction. A hospital with 200 lieux; transactions of 50
/// indicator changes (each on a different lieu, so 50 Location renderings: the worst case),
/// appended straight to the capacity streams and committed with their inline publication,
/// by 1 then 2 concurrent writers; and, to compare, a description change rendering the whole EG.
/// Prints changes/s and the latency of a transaction; asserts nothing on time.
/// </summary>
[Explicit("benchmark: build/benchmarks/capacity-publication"), Category("Benchmark")]
public sealed class capacity_publication_benchmark : ApiFixture
{
    private const int Lieux = 200;
    private const int ChangesPerTransaction = 50;

    [Test, CancelAfter(1_800_000)]
    public async Task capacity_transactions_of_50_changes()
    {
        await Client.Register(Requests.Registration()).EnsureOk();
        await Client.Accept(await Client.SubmitDossier([.. HospitalFiches, .. Enumerable.Range(1, Lieux).Select(i => ($"lieu-{i}", NumberedLieu(i)))])).EnsureOk();
        for (var i = 1; i <= Lieux; i++)
            await App.Store.AppendCapacity(CapacityAppends.Finess, $"lieu-{i}", Added(Indicator("01", 20)), Added(Indicator("02", 0)));

        await Run("warm-up", writers: 1, transactions: 20);
        await Run("baseline, the same events on streams nothing publishes", writers: 1, transactions: 100, unpublished: true);
        await Run("1 writer", writers: 1, transactions: 100);
        await Run("2 writers", writers: 2, transactions: 100);

        await RenderingAlone();

        var clock = Stopwatch.StartNew();
        await Client.PatchAsJsonAsync($"/api/establishments/{EG}", new { operationalName = "CH Fleyriat " + Guid.NewGuid() }).EnsureOk();
        Report($"for comparison, a description change of the EG (renders its {Lieux + 5} resources): {clock.Elapsed.TotalMilliseconds:F0} ms");
    }

    private int _round;

    private async Task Run(string name, int writers, int transactions, bool unpublished = false)
    {
        var latencies = new List<double>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async writer =>
        {
            for (var t = writer; t < transactions; t += writers)
            {
                var round = Interlocked.Increment(ref _round);
                var started = Stopwatch.GetTimestamp();
                await using var session = App.Store.LightweightSession();
                for (var c = 0; c < ChangesPerTransaction; c++)
                {
                    // Writers take disjoint lieux: concurrent changes of one lieu are the supply endpoints' to order.
                    var lieu = 1 + (writer * Lieux / writers) + ((t / writers) * ChangesPerTransaction + c) % (Lieux / writers);
                    session.Events.Append(unpublished ? $"benchmark-{lieu}" : CapacityStreams.Of(CapacityAppends.Finess, $"lieu-{lieu}"),
                        Replaced(Indicator("02", round % 7, sourceDate: SourceDate.AddSeconds(round))));
                }
                await session.SaveChangesAsync();
                lock (latencies) latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuPerTransaction = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / transactions;
        latencies.Sort();
        Report($"{name}: {transactions} transactions of {ChangesPerTransaction} changes in {seconds:F1} s: " +
               $"{transactions * ChangesPerTransaction / seconds:F0} changes/s, {transactions * ChangesPerTransaction / seconds:F0} Location renderings/s; " +
               $"transaction p50 {latencies[latencies.Count / 2]:F1} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:F1} ms; " +
               $"CPU of this process (host and client) {cpuPerTransaction:F1} ms per transaction");
    }

    /// <summary>The CPU part of a capacity change's publication, on one thread: the Location's next version and its capacity rows.</summary>
    private async Task RenderingAlone()
    {
        await using var session = App.Store.QuerySession();
        var zone = await session.LoadAsync<RorNational.Fhir.Storage.SupplyZone>($"{CapacityAppends.Finess}-lieu-1");
        var document = (await session.LoadAsync<RorNational.Fhir.Storage.LocationDocument>(zone!.LocationId))!;
        IReadOnlyList<CapacityIndicator> indicators = [Indicator("01", 20), Indicator("02", 3, gender: "01"), Indicator("02", 2, gender: "02"), Indicator("05", 1, closing: "01")];
        const int rounds = 2000;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            var next = RorNational.Fhir.Publishing.Capacity.LocationCapacityRendering.Of(document, indicators, DateTimeOffset.UtcNow.AddSeconds(i))!;
            RorNational.Fhir.Access.Redaction.ClassSetsOf(next.Parsed);
            RorNational.Fhir.Search.Indexing.Capacity.CapacityRow.Of(document.Id, next.Parsed);
        }
        Report($"a Location's next version and capacity rows alone (4 indicators, one thread): {clock.Elapsed.TotalMilliseconds * 1000 / rounds:F0} µs");
    }

    private static void Report(string line) => TestContext.Progress.WriteLine(line);

    private static System.Text.Json.Nodes.JsonObject NumberedLieu(int i)
    {
        var lieu = Lieu();
        lieu["name"] = $"Unité {i}";
        lieu["lieu"]!["idExterneSynchro"] = $"U-{i}";
        return lieu;
    }
}
