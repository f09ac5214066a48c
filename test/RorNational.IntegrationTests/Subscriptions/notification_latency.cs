using System.Diagnostics;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Subscriptions;

/// <summary>
/// How long a notification takes to leave: from the 200 of a capacity PATCH to its arrival at the
/// subscriber's endpoint (loopback), one change after the other. The bounded test checks the
/// median of 20 changes stays within a second; the explicit benchmark prints p50/p95/p99/max of 200.
/// </summary>
public sealed class notification_latency : SubscriptionFixture
{
    [Test, CancelAfter(60_000)]
    public async Task a_notification_arrives_within_a_second_of_the_patch()
    {
        var latencies = await Measure(20);

        TestContext.Out.WriteLine(Describe(latencies));
        Assert.That(Percentile(latencies, 0.5), Is.LessThan(1000), Describe(latencies));
    }

    [Test, Explicit("benchmark: prints the latency of 200 notifications"), Category("Benchmark"), CancelAfter(600_000)]
    public async Task latency_of_200_capacity_notifications()
    {
        var latencies = await Measure(200);

        TestContext.Out.WriteLine(Describe(latencies));
    }

    [Test, Explicit("benchmark: prints the latency of 20 notifications after 2 s of quiet each"), Category("Benchmark"), CancelAfter(600_000)]
    public async Task latency_of_capacity_notifications_after_quiet()
    {
        var latencies = await Measure(20, quiet: TimeSpan.FromSeconds(2));

        TestContext.Out.WriteLine(Describe(latencies));
    }

    private async Task<List<double>> Measure(int changes, TimeSpan? quiet = null)
    {
        await PublishLieu();
        await Subscribe(Client, Subscription(CapacityTopic, Receiver.Endpoint));
        await PatchCapacity(0, 0, first: true);
        await Receiver.WaitFor(all => all.Any(r => r.Numbers.Contains(1)), Bound, "the first event");
        var latencies = new List<double>();
        for (var i = 2; i <= changes + 1; i++)
        {
            if (quiet is { } pause) await Task.Delay(pause);
            await PatchCapacity(i % 50, $"2026-03-02T07:{i / 60:00}:{i % 60:00}Z");
            var answered = Stopwatch.GetTimestamp();
            var number = i;
            var received = await Receiver.WaitFor(all => all.Any(r => r.Numbers.Contains(number)), Bound, $"event {number}");
            var arrived = received.First(r => r.Numbers.Contains(number)).ArrivedAt;
            latencies.Add((arrived - answered) * 1000.0 / Stopwatch.Frequency);
        }
        return latencies;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static string Describe(List<double> latencies) =>
        $"{latencies.Count} changes: p50 {Percentile(latencies, 0.5):F0} ms, p95 {Percentile(latencies, 0.95):F0} ms, " +
        $"p99 {Percentile(latencies, 0.99):F0} ms, max {latencies.Max():F0} ms";
}
