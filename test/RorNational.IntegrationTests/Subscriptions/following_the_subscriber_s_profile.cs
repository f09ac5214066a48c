using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Subscriptions;

/// <summary>
/// Notifications follow the subscriber's access profile as the clients file says it now, not as
/// it was when it subscribed: a client lowered to the public profile hears no more capacity.
/// </summary>
public sealed class following_the_subscriber_s_profile : SubscriptionFixture
{
    private const string Consumer = "test-consumer-crisis";
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"rornational-clients-{Guid.NewGuid():N}.json");

    protected override IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            File.Copy(TestClients.File, _file, overwrite: true);
            return new Dictionary<string, string?>(base.Settings) { ["Access:ClientsFile"] = _file };
        }
    }

    [OneTimeTearDown]
    public void RemoveFile() => File.Delete(_file);

    [Test]
    public async Task a_subscriber_lowered_to_the_public_profile_hears_no_more_capacity()
    {
        await PublishLieu();
        using var consumer = App.ClientFor(Consumer);
        var lowered = await Subscribe(consumer, Subscription(CapacityTopic, Receiver.Endpoint));
        var control = await Subscribe(Client, Subscription(CapacityTopic, Receiver.Endpoint));
        await PatchCapacity(3, 0, first: true);
        await Receiver.WaitFor(all => all.Count(r => r.Type == "event-notification") == 2, Bound, "both subscribers notified");

        await TestClients.WriteChanged(_file, clients => clients.Single(c => c!["Id"]!.GetValue<string>() == Consumer)!["Profile"] = "public");
        for (var attempt = 0; attempt < 100 && !(await consumer.GetStringAsync("/fhir/metadata")).Contains("access profile P0"); attempt++) await Task.Delay(200);
        Assert.That(await consumer.GetStringAsync("/fhir/metadata"), Does.Contain("access profile P0"), "the clients file was reloaded");

        await PatchCapacity(4, 1);
        var received = await Receiver.WaitFor(all => all.Any(r => r.Parameter("subscription")!.EndsWith(control) && r.Numbers.Contains(2)), Bound, "the second change, to the crisis subscriber");
        Assert.That(received.Where(r => r.Parameter("subscription")!.EndsWith(lowered)).SelectMany(r => r.Numbers), Is.EqualTo(new[] { 1L }),
            "numbered in the same transaction as the other's: the lowered subscriber got nothing more");
        var events = JsonNode.Parse(await consumer.GetStringAsync($"/fhir/Subscription/{lowered}/$status"))!.ToJsonString();
        Assert.That(events, Does.Contain("\"events-since-subscription-start\",\"valueString\":\"1\""));
    }
}
