using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Faults;

/// <summary>
/// A host is killed (SIGKILL) halfway through the capacity ingest of 16 concurrent suppliers,
/// and started again. Every change answered 200 is stored, once; the changes in flight at the
/// kill, sent again with their X-Request-Id, are applied once (those the dead host had stored
/// are answered from their receipt); the Locations, the search index and the timeline
/// (asynchronous) all end with every change.
/// </summary>
[Category("Faults")]
public sealed class killing_a_host_during_capacity_ingest
{
    private const int Suppliers = 16;

    [Test, CancelAfter(600_000)]
    public async Task every_acknowledged_change_is_stored_once_and_retries_are_applied_once()
    {
        var database = await TestPostgres.CreateDatabase("killed_during_ingest");
        var host = await HostProcess.StartAsync(database, Nodes.NodePair.FastNodeTimings);
        HostProcess? restarted = null;
        try
        {
            var hospital = new FaultHospital(database, Suppliers);
            await hospital.Publish(host);
            var current = host;
            var load = new SupplierLoad(() => current.BaseAddress, Suppliers, FaultRun.ChangesPerSupplier);
            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(8));
            var ingest = load.Run(stop.Token);

            await Task.WhenAny(load.Halfway, ingest);
            var killedAt = DateTimeOffset.UtcNow;
            host.Kill();
            restarted = await HostProcess.StartAsync(database, Nodes.NodePair.FastNodeTimings);
            current = restarted;
            await ingest;

            var ingested = await hospital.IngestedChanges();
            var caught = load.CaughtAt(killedAt).Select(a => a.RequestId).ToHashSet();
            var caughtStoredBeforeTheKill = ingested.Count(s => caught.Contains(s.RequestId) && s.StoredAt < killedAt.AddMilliseconds(50));
            TestContext.Out.WriteLine(
                $"{Suppliers} suppliers, {load.Acks.Count} changes acknowledged, {ingested.Count} stored; killed after {load.Acks.Count(a => a.FirstSent < killedAt)} sent, " +
                $"{caught.Count} in flight at the kill, acknowledged on a retry ({caughtStoredBeforeTheKill} of them stored by the killed host, answered from their receipt); " +
                $"{load.Unreachable} connection failures retried; host back in {restarted.TimeToReady.TotalSeconds:F1} s");

            Assert.Multiple(() =>
            {
                Assert.That(load.Failures, Is.Empty);
                Assert.That(load.Acks, Has.Count.EqualTo(load.Total));
                Assert.That(ingested.Select(s => s.RequestId), Is.Unique, "no change applied twice");
                Assert.That(ingested.Select(s => s.RequestId), Is.EquivalentTo(load.Acks.Select(a => a.RequestId)), "every acknowledged change stored, nothing else");
                Assert.That(caught, Is.Not.Empty, "the kill caught changes in flight");
            });

            var crisis = restarted.Client(FaultHospital.Token("samu-69"));
            foreach (var (lieu, count) in load.LastCounts())
                Assert.That(await FaultHospital.ServedCount(crisis, lieu), Is.EqualTo((count, 1)), $"{lieu}: served and found by search with its last count");
            var auditor = restarted.Client(FaultHospital.Token("auditor"));
            var timeline = await FaultHospital.CapacityTimelineOnce(auditor, hospital.CapacityEvents(ingested.Count));
            Assert.That(timeline, Has.Count.EqualTo(hospital.CapacityEvents(ingested.Count)).And.Unique, "the timeline holds each capacity event once");
        }
        finally
        {
            await host.DisposeAsync();
            if (restarted is not null)
            {
                if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
                    await TestContext.Out.WriteLineAsync($"--- the restarted host said:\n{restarted.Output}");
                await restarted.DisposeAsync();
            }
            await TestPostgres.DropDatabase(database);
        }
    }
}
