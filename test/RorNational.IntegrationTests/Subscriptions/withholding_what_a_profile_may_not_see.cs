using System.Net.Http.Json;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Subscriptions;

/// <summary>
/// A subscriber is not told of a version its profile may not see at all: the lieu of a unit made
/// sensitive is named to a crisis subscriber, never to a public one (not even by id).
/// </summary>
public sealed class withholding_what_a_profile_may_not_see : SubscriptionFixture
{
    [Test]
    public async Task the_versions_of_a_sensitive_unit_are_notified_to_crisis_and_not_to_public()
    {
        await Client.PublishHospital();
        var lieu = await Client.FhirIdOfUnit("Location", "010000024-lieu-batiment-a");
        using var publicClient = App.ClientFor(TestClients.Public);
        var ofPublic = await Subscribe(publicClient, Subscription(DescriptionTopic, Receiver.Endpoint));
        var ofCrisis = await Subscribe(Client, Subscription(DescriptionTopic, Receiver.Endpoint));
        var content = Content(18);
        content["sensitiveUnit"] = true;

        await Client.PutAsJsonAsync($"/api/establishments/{EG}/uo/uo-cardio-hc/content", content).EnsureOk();

        var received = await Receiver.WaitFor(all => all.Any(r => r.Parameter("subscription")!.EndsWith(ofCrisis) && r.Bundle.ToJsonString().Contains($"Location/{lieu}")),
            Bound, "the crisis notification naming the lieu");
        // Numbered in the same transaction as the crisis subscriber's: whatever the public one has, it has now.
        var toPublic = await (await publicClient.GetAsync($"/fhir/Subscription/{ofPublic}/$events")).EnsureOkJson();
        var toCrisis = received.Where(r => r.Parameter("subscription")!.EndsWith(ofCrisis)).SelectMany(r => r.Foci.Concat(References(r))).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(toCrisis, Has.Some.Contains($"Location/{lieu}/_history/"));
            Assert.That(toPublic.ToJsonString(), Does.Not.Contain(lieu));
            Assert.That(received.Where(r => r.Parameter("subscription")!.EndsWith(ofPublic)).Select(r => r.Bundle.ToJsonString()), Has.None.Contains(lieu));
        });
    }

    private static IEnumerable<string> References(NotificationReceiver.Received notification) =>
        notification.Events.SelectMany(e => e["part"]!.AsArray())
            .Where(p => p!["name"]!.GetValue<string>() == "additional-context")
            .Select(p => p!["valueReference"]!["reference"]!.GetValue<string>());
}
