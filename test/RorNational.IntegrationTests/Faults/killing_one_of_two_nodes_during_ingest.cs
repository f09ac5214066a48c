using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Nodes;

namespace RorNational.IntegrationTests.Faults;

/// <summary>
/// Two nodes share the ingest of 16 suppliers (their requests alternate between them); the node that chains the
/// writes' Provenance (an asynchronous subscription) is killed (SIGKILL) halfway. The changes it was serving are
/// sent again to the other node, which carries on and takes the subscriptions and projections over: every change
/// acknowledged is stored once, the chain holds every write's Provenance, intact (and the timeline, written inline,
/// each capacity event once).
/// </summary>
[Category("Faults")]
public sealed class killing_one_of_two_nodes_during_ingest
{
    private const int Suppliers = 16;

    [Test, CancelAfter(600_000)]
    public async Task the_other_node_carries_on_and_takes_the_projections_over()
    {
        await using var nodes = await NodePair.StartAsync("killed_node_ingest");
        var hospital = new FaultHospital(nodes.Database, Suppliers);
        await hospital.Publish(nodes.First);
        var doomed = nodes.ById(await nodes.WaitUntilAnyNodeRuns(NodePair.ChainingAgent));
        var survivor = nodes.Other(doomed);

        // Requests alternate between the nodes; once one is dead, all go to the other.
        var next = 0;
        var load = new SupplierLoad(() => doomed.HasExited || Interlocked.Increment(ref next) % 2 == 0 ? survivor.BaseAddress : doomed.BaseAddress,
            Suppliers, FaultRun.ChangesPerSupplier);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        var ingest = load.Run(stop.Token);
        await Task.WhenAny(load.Halfway, ingest);
        var killedAt = DateTimeOffset.UtcNow;
        doomed.Kill();
        await ingest;
        var handover = await nodes.WaitUntilRunningOn(NodePair.ChainingAgent, survivor.NodeId, TimeSpan.FromSeconds(60));

        var stored = await hospital.IngestedChanges();
        var expected = hospital.CapacityEvents(stored.Count);
        var timeline = await FaultHospital.CapacityTimelineOnce(NodePair.Auditor(survivor), expected);
        TestContext.Out.WriteLine($"{load.Acks.Count} changes acknowledged, {stored.Count} stored, {load.CaughtAt(killedAt).Count} on a retry across the kill; " +
                                  $"the chaining on the other node {handover.TotalSeconds:F1} s after the last change");

        // Every write's Provenance chained, none missing (the chain's unique key forbids a record twice).
        await Provenance.ProvenanceChain.WaitUntilChained(nodes.Database, TimeSpan.FromSeconds(60));
        var intact = await NodePair.ChainIntact(NodePair.Auditor(survivor));
        Assert.Multiple(() =>
        {
            Assert.That(load.Failures, Is.Empty);
            Assert.That(intact, Is.True, "the chain intact across the kill");
            Assert.That(stored.Select(s => s.RequestId), Is.Unique, "no change applied twice");
            Assert.That(stored.Select(s => s.RequestId), Is.EquivalentTo(load.Acks.Select(a => a.RequestId)), "every acknowledged change stored");
            Assert.That(timeline, Has.Count.EqualTo(expected).And.Unique, "the timeline holds each capacity event once");
        });
    }
}
