using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Subscriptions;

/// <summary>
/// Payload content: id-only names the versions, full-resource carries them, redacted for the
/// subscriber's access profile exactly as a read would be.
/// </summary>
public sealed class shaping_payloads : SubscriptionFixture
{
    /// <summary>The UO's contact has a level-3 phone (StructureRequests.Content): crisis sees it, public never.</summary>
    private const string Level3Phone = "0474450000";
    private const string Level1Phone = "0474454647";

    [Test]
    public async Task full_resource_carries_the_notified_version_of_the_location_and_id_only_does_not()
    {
        var zone = await PublishLieu();
        var full = await Subscribe(Client, Subscription(CapacityTopic, Receiver.Endpoint, "full-resource"));
        var idOnly = await Subscribe(Client, Subscription(CapacityTopic, Receiver.Endpoint, "id-only"));

        var version = await PatchCapacity(3, 0, first: true);

        var received = await Receiver.WaitFor(all => all.Count(r => r.Type == "event-notification") == 2, Bound, "both notifications");
        var ofFull = received.Single(r => r.Type == "event-notification" && r.Parameter("subscription")!.EndsWith(full));
        var ofIdOnly = received.Single(r => r.Type == "event-notification" && r.Parameter("subscription")!.EndsWith(idOnly));
        var location = ofFull.Bundle["entry"]![1]!["resource"]!;
        Assert.Multiple(() =>
        {
            Assert.That(location["resourceType"]!.GetValue<string>(), Is.EqualTo("Location"));
            Assert.That(location["id"]!.GetValue<string>(), Is.EqualTo(zone.LocationId));
            Assert.That(location["meta"]!["versionId"]!.GetValue<string>(), Is.EqualTo(version.ToString()));
            Assert.That(ofIdOnly.Bundle["entry"]![1]!["resource"], Is.Null);
            Assert.That(ofIdOnly.Bundle["entry"]![1]!["response"]!["etag"]!.GetValue<string>(), Is.EqualTo($"W/\"{version}\""));
        });
    }

    [Test]
    public async Task full_resource_to_a_public_subscriber_never_carries_what_its_profile_hides()
    {
        using var publicClient = App.ClientFor(TestClients.Public);
        var ofPublic = await Subscribe(publicClient, Subscription(DescriptionTopic, Receiver.Endpoint, "full-resource"));
        var ofCrisis = await Subscribe(Client, Subscription(DescriptionTopic, Receiver.Endpoint, "full-resource"));

        await Client.PublishHospital();

        var received = await Receiver.WaitFor(all =>
            all.Any(r => r.Parameter("subscription")!.EndsWith(ofPublic) && r.Bundle.ToJsonString().Contains("HealthcareService"))
            && all.Any(r => r.Parameter("subscription")!.EndsWith(ofCrisis) && r.Bundle.ToJsonString().Contains("HealthcareService")), Bound, "the publication of the UO");
        var toPublic = string.Join("\n", received.Where(r => r.Parameter("subscription")!.EndsWith(ofPublic)).Select(r => r.Bundle.ToJsonString()));
        var toCrisis = string.Join("\n", received.Where(r => r.Parameter("subscription")!.EndsWith(ofCrisis)).Select(r => r.Bundle.ToJsonString()));
        Assert.Multiple(() =>
        {
            Assert.That(toCrisis, Does.Contain(Level3Phone));
            Assert.That(toPublic, Does.Contain(Level1Phone), "the public sees the level-1 phone");
            Assert.That(toPublic, Does.Not.Contain(Level3Phone));
            Assert.That(toPublic, Does.Contain("REDACTED"));
        });
    }

    [Test]
    public async Task a_public_client_may_not_subscribe_to_the_capacity_its_profile_hides()
    {
        using var publicClient = App.ClientFor(TestClients.Public);

        var response = await Post(publicClient, Subscription(CapacityTopic, Receiver.Endpoint));

        Assert.That((int)response.StatusCode, Is.EqualTo(403), await response.Content.ReadAsStringAsync());
        Assert.That((await response.ReadJson())["resourceType"]!.GetValue<string>(), Is.EqualTo("OperationOutcome"));
    }
}
