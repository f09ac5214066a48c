using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Subscriptions;

/// <summary>
/// An endpoint that fails (500) or is down is tried again with back-off; the Subscription is in
/// error meanwhile, and its first success delivers the backlog in order, numbers without a gap.
/// What was missed can be read again with $events.
/// </summary>
public sealed class recovering_from_a_failing_endpoint : SubscriptionFixture
{
    [Test]
    public async Task a_failing_endpoint_puts_the_subscription_in_error_then_gets_the_backlog_in_order_once_it_recovers()
    {
        var zone = await PublishLieu();
        var id = await Subscribe(Client, Subscription(CapacityTopic, Receiver.Endpoint));
        Receiver.Failing = true;

        var versions = new List<long> { await PatchCapacity(1, 0, first: true) };
        for (var i = 2; i <= 5; i++) versions.Add(await PatchCapacity(i, i));
        await WaitUntil(() => Receiver.Refused >= 2, "two refused attempts");
        await WaitForStatus(Client, id, "error");
        var status = await StatusBundle(id);
        Receiver.Failing = false;

        var received = await Receiver.WaitFor(all => all.SelectMany(r => r.Numbers).Count() >= 5, Bound, "the backlog");
        await WaitForStatus(Client, id, "active");
        var events = received.Where(r => r.Type == "event-notification").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(StatusOf(status), Is.EqualTo("error"));
            Assert.That(status["type"]!.GetValue<string>(), Is.EqualTo("searchset"));
            Assert.That(events.SelectMany(r => r.Numbers), Is.EqualTo(new long[] { 1, 2, 3, 4, 5 }), "in order, none missing, none twice");
            Assert.That(events.SelectMany(r => r.Foci), Is.EqualTo(versions.Select(v => $"http://localhost/fhir/Location/{zone.LocationId}/_history/{v}")));
        });
    }

    [Test]
    public async Task an_endpoint_that_was_down_gets_what_it_missed_and_events_gives_it_again()
    {
        var zone = await PublishLieu();
        var id = await Subscribe(Client, Subscription(CapacityTopic, Receiver.Endpoint));
        await Receiver.StopAsync();

        var versions = new List<long> { await PatchCapacity(1, 0, first: true), await PatchCapacity(2, 1), await PatchCapacity(3, 2) };
        await WaitForStatus(Client, id, "error");
        await Receiver.StartAgainAsync();

        var received = await Receiver.WaitFor(all => all.SelectMany(r => r.Numbers).Count() >= 3, Bound, "the backlog");
        await WaitForStatus(Client, id, "active");
        var missed = await (await Client.GetAsync($"/fhir/Subscription/{id}/$events?eventsSinceNumber=2")).EnsureOkJson();
        var only2 = await (await Client.GetAsync($"/fhir/Subscription/{id}/$events?eventsSinceNumber=2&eventsUntilNumber=2")).EnsureOkJson();
        var replayed = new NotificationReceiver.Received(0, missed, "");
        Assert.Multiple(() =>
        {
            Assert.That(received.SelectMany(r => r.Numbers), Is.EqualTo(new long[] { 1, 2, 3 }));
            Assert.That(replayed.Type, Is.EqualTo("query-event"));
            Assert.That(replayed.Numbers, Is.EqualTo(new long[] { 2, 3 }));
            Assert.That(replayed.Foci, Is.EqualTo(versions.Skip(1).Select(v => $"http://localhost/fhir/Location/{zone.LocationId}/_history/{v}")));
            Assert.That(replayed.Parameter("events-since-subscription-start"), Is.EqualTo("3"));
            Assert.That(new NotificationReceiver.Received(0, only2, "").Numbers, Is.EqualTo(new long[] { 2 }));
        });
    }

    [Test]
    public async Task an_idle_subscription_gets_heartbeats_that_leave_its_count_of_events_unchanged()
    {
        var id = await Subscribe(Client, Subscription(CapacityTopic, Receiver.Endpoint, heartbeat: 1));

        var received = await Receiver.WaitFor(all => all.Count(r => r.Type == "heartbeat") >= 2, Bound, "two heartbeats");

        var heartbeats = received.Where(r => r.Type == "heartbeat").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(heartbeats.Select(h => h.Parameter("events-since-subscription-start")), Is.All.EqualTo("0"));
            Assert.That(heartbeats.SelectMany(h => h.Events), Is.Empty);
            Assert.That(heartbeats.Select(h => h.Parameter("subscription")), Is.All.EndWith(id));
            var gap = (heartbeats[1].ArrivedAt - heartbeats[0].ArrivedAt) / (double)System.Diagnostics.Stopwatch.Frequency;
            Assert.That(gap, Is.InRange(0.9, 3.0), "one heartbeat a period");
        });
    }

    private async Task<JsonObject> StatusBundle(string id) => await (await Client.GetAsync($"/fhir/Subscription/{id}/$status")).EnsureOkJson();

    private static string StatusOf(JsonObject bundle) => new NotificationReceiver.Received(0, bundle, "").Parameter("status")!;

    private static async Task WaitUntil(Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!done())
        {
            if (DateTime.UtcNow > deadline) throw new AssertionException($"{what}: not within {Bound.TotalSeconds} s");
            await Task.Delay(20);
        }
    }
}
