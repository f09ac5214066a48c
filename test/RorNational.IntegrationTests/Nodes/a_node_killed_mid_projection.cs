using System.Diagnostics;
using System.Net;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Nodes;

/// <summary>
/// The node chaining the writes' Provenance (an asynchronous subscription of the daemon) is killed
/// (SIGKILL) while events pour in through the other node: once the dead node's heartbeat is stale,
/// the node left takes the subscription over from its last committed position, and every write's
/// Provenance is in the chain, none missing, the chain intact. (The timeline, written inline, is
/// checked too: every event once.)
/// </summary>
[Category("Faults")]
public sealed class a_node_killed_mid_projection
{
    private const int Establishments = 8;
    private const int UpdatesEach = 24;

    private NodePair? _nodes;

    [TearDown]
    public async Task StopNodes()
    {
        if (_nodes is not null) await _nodes.DisposeAsync();
        _nodes = null;
    }

    [Test, CancelAfter(240_000)]
    public async Task hands_the_chaining_to_the_other_node_which_chains_each_write_once()
    {
        _nodes = await NodePair.StartAsync("killed_mid_projection");
        var doomed = _nodes.ById(await _nodes.WaitUntilAnyNodeRuns(NodePair.ChainingAgent));
        var survivor = _nodes.Other(doomed);
        using var admin = NodePair.Admin(survivor);

        var written = 0;
        var kill = new TaskCompletionSource();
        var writers = Enumerable.Range(0, Establishments).Select(async e =>
        {
            for (var update = 0; update <= UpdatesEach; update++)
            {
                // An EJ of its own per EG: writers to one EJ stream would conflict.
                var response = await admin.Register(Requests.Registration(ejFiness: $"01002{e:D4}", egFiness: $"01001{e:D4}", egName: $"CH KILLED {e} NAME {update}"));
                Assert.That(response.StatusCode, Is.EqualTo(update == 0 ? HttpStatusCode.Created : HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
                if (Interlocked.Increment(ref written) == Establishments * UpdatesEach / 2) kill.TrySetResult();
            }
        }).ToList();
        var allWritten = Task.WhenAll(writers);
        await Task.WhenAny(kill.Task, allWritten);
        if (allWritten.IsFaulted) await allWritten;
        doomed.Kill();
        var killedAt = Stopwatch.StartNew();
        TestContext.Out.WriteLine($"killed the node chaining the Provenance after {written} writes");
        await allWritten;

        var handover = await _nodes.WaitUntilRunningOn(NodePair.ChainingAgent, survivor.NodeId, TimeSpan.FromSeconds(30));
        TestContext.Out.WriteLine($"the other node chains the Provenance {handover.TotalMilliseconds:F0} ms after the last write, " +
                                  $"{killedAt.Elapsed.TotalMilliseconds:F0} ms after the kill");

        var streams = await _nodes.EGStreamVersions();
        Assert.That(streams, Has.Count.EqualTo(Establishments));
        Assert.That(streams.Values, Is.All.EqualTo(UpdatesEach + 1), "each write appended one event");
        using var auditor = NodePair.Auditor(survivor);
        foreach (var (egId, version) in streams)
        {
            var timeline = await WaitForTimeline(auditor, egId, version);
            Assert.That(timeline, Is.EqualTo(Enumerable.Range(1, (int)version).Select(v => (long)v)), $"{egId}: each event once, in order, none missing");
        }
        // Every write's Provenance chained (the chain's unique key forbids a record twice), the chain intact.
        await Provenance.ProvenanceChain.WaitUntilChained(_nodes.Database, TimeSpan.FromSeconds(30));
        Assert.That(await NodePair.ChainIntact(auditor), Is.True, "the chain intact across the handover");
        TestContext.Out.WriteLine($"caught up {killedAt.Elapsed.TotalMilliseconds:F0} ms after the kill");
    }

    private static async Task<List<long>> WaitForTimeline(HttpClient auditor, string egId, long version)
    {
        var since = Stopwatch.StartNew();
        while (true)
        {
            var versions = await NodePair.TimelineVersions(auditor, egId);
            if (versions.Count >= version || since.Elapsed > TimeSpan.FromSeconds(20)) return versions;
            await Task.Delay(100);
        }
    }
}
