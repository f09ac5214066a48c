using System.Diagnostics;
using System.Net;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Nodes;

/// <summary>
/// Two host processes on one PostgreSQL: what one node writes the other serves at once, the
/// chaining of the writes' Provenance (an asynchronous subscription) runs on exactly one of them,
/// and a node stopped with SIGTERM hands it to the other.
/// </summary>
public sealed class two_nodes_on_one_database
{
    private NodePair? _nodes;

    [TearDown]
    public async Task StopNodes()
    {
        if (_nodes is not null) await _nodes.DisposeAsync();
        _nodes = null;
    }

    [Test, CancelAfter(240_000)]
    public async Task a_write_answered_by_one_node_is_served_by_the_other_right_after()
    {
        _nodes = await NodePair.StartAsync("two_nodes_read");
        var lag = TimeSpan.Zero;
        for (var i = 0; i < 6; i++)
        {
            var (writer, reader) = i % 2 == 0 ? (_nodes.First, _nodes.Second) : (_nodes.Second, _nodes.First);
            var egFiness = $"01000{i:D4}";
            using var admin = NodePair.Admin(writer);
            var written = await admin.Register(Requests.Registration(ejFiness: $"01002{i:D4}", egFiness: egFiness, egName: $"CH NODE {i}"));
            Assert.That(written.StatusCode, Is.EqualTo(HttpStatusCode.Created), await written.Content.ReadAsStringAsync());
            var afterWrite = Stopwatch.StartNew();

            using var auditor = NodePair.Auditor(reader);
            var establishment = await auditor.GetAsync($"/api/establishments/eg-{egFiness}");
            var resource = await auditor.GetAsync($"/fhir/Organization/eg-{egFiness}");
            Assert.That(establishment.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the inline snapshot, committed with the events");
            Assert.That(establishment.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(resource.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the FHIR document, an inline projection");

            while ((await NodePair.TimelineVersions(auditor, $"eg-{egFiness}")).Count == 0)
            {
                Assert.That(afterWrite.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "the timeline (up to the daemon's high-water mark) lags by more than 30 s");
                await Task.Delay(20);
            }
            TestContext.Out.WriteLine($"write {i}: the timeline has it {afterWrite.Elapsed.TotalMilliseconds:F0} ms after the answer");
            lag = afterWrite.Elapsed > lag ? afterWrite.Elapsed : lag;
        }
        TestContext.Out.WriteLine($"timeline lag behind the write, at most: {lag.TotalMilliseconds:F0} ms");
    }

    [Test, CancelAfter(240_000)]
    public async Task the_provenance_chaining_runs_on_one_node_and_moves_to_the_other_when_that_node_is_stopped()
    {
        _nodes = await NodePair.StartAsync("two_nodes_sigterm");
        var runningOn = await _nodes.WaitUntilAnyNodeRuns(NodePair.ChainingAgent);
        var running = _nodes.ById(runningOn);
        var survivor = _nodes.Other(running);
        TestContext.Out.WriteLine($"the chaining runs on node {runningOn}; assignments: {string.Join(", ", await _nodes.Assignments())}");

        await running.StopAsync();

        Assert.That(running.HasExited, Is.True);
        var handover = await _nodes.WaitUntilRunningOn(NodePair.ChainingAgent, survivor.NodeId, TimeSpan.FromSeconds(15));
        TestContext.Out.WriteLine($"after SIGTERM, the chaining runs on the other node after {handover.TotalMilliseconds:F0} ms");
        Assert.That((await _nodes.Assignments()).Select(a => a.Node), Is.All.EqualTo(survivor.NodeId),
            "every agent (leadership, the durability agent that recovers messages, the projections and subscriptions) is on the node left");

        using var admin = NodePair.Admin(survivor);
        using var auditor = NodePair.Auditor(survivor);
        Assert.That((await admin.Register(Requests.Registration(egFiness: "010000099"))).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        // The node left chains the new write's Provenance.
        await Provenance.ProvenanceChain.WaitUntilChained(_nodes.Database, TimeSpan.FromSeconds(15));
        Assert.That(await NodePair.ChainIntact(auditor), Is.True);
    }
}
