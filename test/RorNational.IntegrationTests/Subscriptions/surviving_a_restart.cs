using Microsoft.Extensions.DependencyInjection;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;
using static RorNational.IntegrationTests.Capacity.Supplying.SupplyingFixture;

namespace RorNational.IntegrationTests.Subscriptions;

/// <summary>
/// Pending notifications are rows in PostgreSQL: a server stopped while the endpoint is down loses
/// none of them, and once started again (here as two nodes on the same database) delivers each
/// exactly once, in order.
/// </summary>
public sealed class surviving_a_restart
{
    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["Subscriptions:FirstRetryDelay"] = "00:00:00.200",
        ["Subscriptions:MaxRetryDelay"] = "00:00:01",
        ["Subscriptions:PollInterval"] = "00:00:00.200",
    };

    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 3, 2, 8, 30, 0, TimeSpan.Zero));

    [Test, CancelAfter(120_000)]
    public async Task notifications_pending_when_the_server_stops_are_delivered_once_by_the_nodes_that_follow()
    {
        var database = await TestPostgres.CreateDatabase(nameof(surviving_a_restart));
        await using var receiver = await NotificationReceiver.StartAsync();
        try
        {
            string id;
            await using (var first = new RorNationalApp(database, _clock, _ => { }, FastRetries))
            {
                using var client = first.ClientFor(TestClients.AllRights);
                using var supplier = first.ClientFor(TestClients.Supplier);
                await client.PublishHospital();
                id = (await (await SubscriptionFixture.Post(client, SubscriptionFixture.Subscription(SubscriptionFixture.CapacityTopic, receiver.Endpoint)).EnsureOk()).ReadJson())["id"]!.GetValue<string>();
                await receiver.WaitFor(all => all.Any(r => r.Type == "handshake"), TimeSpan.FromSeconds(10), "the handshake");
                await receiver.StopAsync();
                await supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(1, At(1))))).EnsureOk();
                await supplier.SendAsync(PatchRequest(ByIdentifier, Replace(Selector(), Record(2, At(2))))).EnsureOk();
                await WaitForEvents(first, id, 2);
            }

            await receiver.StartAgainAsync();
            await using var second = new RorNationalApp(database, _clock, _ => { }, FastRetries);
            await using var third = new RorNationalApp(database, _clock, _ => { }, FastRetries);
            _ = second.Services.GetRequiredService<Marten.IDocumentStore>();
            _ = third.Services.GetRequiredService<Marten.IDocumentStore>();
            using var supplierAgain = second.ClientFor(TestClients.Supplier);
            await supplierAgain.SendAsync(PatchRequest(ByIdentifier, Replace(Selector(), Record(3, At(3))))).EnsureOk();

            await receiver.WaitFor(all => all.SelectMany(r => r.Numbers).Count() >= 3, TimeSpan.FromSeconds(20), "the backlog and the new event");
            await Task.Delay(TimeSpan.FromSeconds(1)); // anything sent twice would have arrived by now
            Assert.That(receiver.Accepted.SelectMany(r => r.Numbers), Is.EqualTo(new long[] { 1, 2, 3 }));
        }
        finally
        {
            await TestPostgres.DropDatabase(database);
        }
    }

    /// <summary>Waits (bounded) until the matching has numbered this many events for the Subscription.</summary>
    private static async Task WaitForEvents(RorNationalApp app, string id, long count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            await using var session = app.Store.QuerySession();
            if ((await session.LoadAsync<RorNational.Fhir.Subscriptions.Storage.EventCounter>(id))?.Count >= count) return;
            if (DateTime.UtcNow > deadline) throw new AssertionException($"the matching did not number {count} events within 10 s");
            await Task.Delay(50);
        }
    }
}
