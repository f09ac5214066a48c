using System.Net;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Subscriptions;

/// <summary>A consumer subscribes to the capacity of lieux and receives, over real HTTP, the handshake then each change.</summary>
public sealed class receiving_capacity_notifications : SubscriptionFixture
{
    [Test]
    public async Task a_new_subscription_gets_a_handshake_and_becomes_active()
    {
        var response = await Post(Client, Subscription(CapacityTopic, Receiver.Endpoint));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var created = await response.ReadJson();
        var id = created["id"]!.GetValue<string>();
        Assert.That(created["status"]!.GetValue<string>(), Is.EqualTo("requested"));
        var received = await Receiver.WaitFor(all => all.Any(r => r.Type == "handshake"), Bound, "the handshake");
        await WaitForStatus(Client, id, "active");
        var handshake = received.Single(r => r.Type == "handshake");
        Assert.Multiple(() =>
        {
            Assert.That(handshake.Bundle["type"]!.GetValue<string>(), Is.EqualTo("history"));
            Assert.That(handshake.ContentType, Does.StartWith("application/fhir+json"));
            Assert.That(handshake.Parameter("subscription"), Is.EqualTo($"http://localhost/fhir/Subscription/{id}"));
            Assert.That(handshake.Parameter("topic"), Is.EqualTo(CapacityTopic));
            Assert.That(handshake.Parameter("events-since-subscription-start"), Is.EqualTo("0"));
            Assert.That(handshake.Events, Is.Empty);
        });
    }

    [Test]
    public async Task a_capacity_patch_is_notified_with_the_new_version_of_the_location_as_focus()
    {
        var zone = await PublishLieu();
        var id = await Subscribe(Client, Subscription(CapacityTopic, Receiver.Endpoint));

        var version = await PatchCapacity(3, 0, first: true);

        var received = await Receiver.WaitFor(all => all.Any(r => r.Type == "event-notification"), Bound, "the event notification");
        var notification = received.Single(r => r.Type == "event-notification");
        var entries = notification.Bundle["entry"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(notification.Bundle["type"]!.GetValue<string>(), Is.EqualTo("history"));
            Assert.That(entries[0]!["resource"]!["resourceType"]!.GetValue<string>(), Is.EqualTo("Parameters"));
            Assert.That(entries[0]!["resource"]!["meta"]!["profile"]![0]!.GetValue<string>(), Does.EndWith("backport-subscription-status-r4"));
            Assert.That(notification.Parameter("status"), Is.EqualTo("active"));
            Assert.That(notification.Numbers, Is.EqualTo(new[] { 1L }));
            Assert.That(notification.Parameter("events-since-subscription-start"), Is.EqualTo("1"));
            Assert.That(notification.Foci, Is.EqualTo(new[] { $"http://localhost/fhir/Location/{zone.LocationId}/_history/{version}" }));
            Assert.That(entries, Has.Count.EqualTo(2));
            Assert.That(entries[1]!["fullUrl"]!.GetValue<string>(), Is.EqualTo($"http://localhost/fhir/Location/{zone.LocationId}"));
            Assert.That(entries[1]!["resource"], Is.Null, "id-only carries no resource");
        });
    }
}
