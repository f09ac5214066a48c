using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Faults;

/// <summary>
/// PostgreSQL goes down under load (16 suppliers and 4 readers) for <see cref="FaultRun.Outage"/>,
/// once by a clean stop and once by SIGKILL of its postmaster, then starts again. Meanwhile the
/// host answers every request quickly with 503 and Retry-After, never a 500 or a hang, and
/// /health/ready is red; afterwards, without a restart, it is green and serves again, every
/// change acknowledged is stored once, and the timeline projection catches up.
/// </summary>
[Category("Faults")]
public sealed class stopping_postgres_under_load
{
    private const int Suppliers = 16;
    private const int Readers = 4;

    [TestCase("stop"), TestCase("kill -9"), CancelAfter(600_000)]
    public async Task the_host_answers_503_while_it_is_down_then_recovers_and_loses_nothing(string how)
    {
        await using var cluster = await PrivateCluster.StartAsync();
        var database = await cluster.CreateDatabase("faults");
        await using var host = await HostProcess.StartAsync(database, Nodes.NodePair.FastNodeTimings);
        try
        {
            var hospital = new FaultHospital(database, Suppliers);
            await hospital.Publish(host);
            var load = new SupplierLoad(() => host.BaseAddress, Suppliers, FaultRun.ChangesPerSupplier);
            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(8));
            var ingest = load.Run(stop.Token);
            using var readersDone = new CancellationTokenSource();
            var reads = new ConcurrentBag<(HttpStatusCode Status, TimeSpan Took, bool RetryAfter)>();
            var readers = Enumerable.Range(0, Readers).Select(_ => Read(host, reads, readersDone.Token)).ToList();

            await Task.WhenAny(load.Halfway, ingest);
            var downAt = DateTimeOffset.UtcNow;
            if (how == "stop") await cluster.StopAsync();
            else await cluster.KillPostmasterAsync();
            var readiness = new List<HttpStatusCode>();
            using var health = host.Client();
            var outage = Stopwatch.StartNew();
            while (outage.Elapsed < FaultRun.Outage)
            {
                readiness.Add((await health.GetAsync("/health/ready")).StatusCode);
                await Task.Delay(250);
            }
            var upAt = DateTimeOffset.UtcNow;
            await cluster.StartAgainAsync();
            var green = Stopwatch.StartNew();
            while ((await health.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK)
            {
                Assert.That(green.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)), "/health/ready did not turn green");
                await Task.Delay(100);
            }
            var greenAfter = green.Elapsed;
            await ingest;
            readersDone.Cancel();
            await Task.WhenAll(readers);

            var stored = await hospital.IngestedChanges();
            var unavailable = load.Unavailable.Select(u => (u.Took, u.RetryAfter)).Concat(reads.Where(r => r.Status == HttpStatusCode.ServiceUnavailable).Select(r => (r.Took, r.RetryAfter))).ToList();
            var caught = load.CaughtAt(downAt);
            TestContext.Out.WriteLine(
                $"PostgreSQL down by {how} for {(upAt - downAt).TotalSeconds:F1} s; /health/ready {readiness.Count(r => r != HttpStatusCode.OK)} of {readiness.Count} checks red during the outage, " +
                $"green {greenAfter.TotalSeconds:F1} s after the restart; {unavailable.Count} requests answered 503 " +
                $"(p50 {Percentile(unavailable, 0.5):F0} ms, max {Percentile(unavailable, 1):F0} ms), {load.Unreachable} not answered; " +
                $"{reads.Count(r => r.Status == HttpStatusCode.OK)} reads served; {load.Acks.Count} changes acknowledged ({caught.Count} on a retry across the outage), {stored.Count} stored");

            Assert.Multiple(() =>
            {
                Assert.That(host.HasExited, Is.False, "the host was not restarted");
                Assert.That(load.Failures, Is.Empty);
                Assert.That(reads.Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(load.Unreachable, Is.Zero, "every request was answered");
                Assert.That(unavailable, Is.Not.Empty);
                Assert.That(unavailable.Select(u => u.RetryAfter), Is.All.True, "503 with Retry-After");
                // A connection attempt waits at most the host's connection wait (5 s by default) before the 503.
                Assert.That(unavailable.Select(u => u.Took), Is.All.LessThan(TimeSpan.FromSeconds(8)), "answered quickly, within the connection wait");
                Assert.That(readiness, Does.Contain(HttpStatusCode.ServiceUnavailable), "/health/ready red during the outage");
                Assert.That(stored.Select(s => s.RequestId), Is.Unique, "no change applied twice");
                Assert.That(stored.Select(s => s.RequestId), Is.EquivalentTo(load.Acks.Select(a => a.RequestId)), "every acknowledged change stored");
            });

            var crisis = host.Client(FaultHospital.Token("samu-69"));
            foreach (var (lieu, count) in load.LastCounts())
                Assert.That(await FaultHospital.ServedCount(crisis, lieu), Is.EqualTo((count, 1)), $"{lieu}: served and found by search with its last count");
            var auditor = host.Client(FaultHospital.Token("auditor"));
            var timeline = await FaultHospital.CapacityTimelineOnce(auditor, hospital.CapacityEvents(stored.Count));
            Assert.That(timeline, Has.Count.EqualTo(hospital.CapacityEvents(stored.Count)).And.Unique, "the timeline holds each capacity event once");
        }
        catch
        {
            await TestContext.Out.WriteLineAsync($"--- the host said:\n{host.Output}");
            throw;
        }
    }

    /// <summary>A consumer reading a lieu again and again, as a regulation screen refreshes.</summary>
    private static async Task Read(HostProcess host, ConcurrentBag<(HttpStatusCode, TimeSpan, bool)> reads, CancellationToken done)
    {
        using var crisis = host.Client(FaultHospital.Token("samu-69"));
        crisis.Timeout = TimeSpan.FromSeconds(30);
        while (!done.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var response = await crisis.GetAsync(FaultHospital.ByIdentifierOf(FaultHospital.Lieu(0, 0)), done);
                reads.Add((response.StatusCode, clock.Elapsed, response.Headers.RetryAfter is not null));
            }
            catch (OperationCanceledException) when (done.IsCancellationRequested)
            {
                return;
            }
            await Task.Delay(50, CancellationToken.None);
        }
    }

    private static double Percentile(List<(TimeSpan Took, bool RetryAfter)> answers, double p)
    {
        if (answers.Count == 0) return 0;
        var sorted = answers.Select(a => a.Took.TotalMilliseconds).Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
    }
}
