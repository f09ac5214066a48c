using System.Text.Json.Nodes;
using Marten;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Subscriptions;

/// <summary>Filters of a Subscription (backport-filter-criteria): a change outside them is never notified.</summary>
public sealed class filtering_notifications : SubscriptionFixture
{
    [Test]
    public async Task a_capacity_change_in_region_84_is_notified_to_the_subscription_of_84_and_not_to_that_of_11()
    {
        await PublishLieu();
        var ofAra = await Subscribe(Client, Subscription(CapacityTopic, Receiver.Endpoint, filters: $"Location?_tag={RegionSystem}|84"));
        var ofIdf = await Subscribe(Client, Subscription(CapacityTopic, Receiver.Endpoint, filters: $"Location?_tag={RegionSystem}|11"));
        var ofAinAndTheEG = await Subscribe(Client, Subscription(CapacityTopic, Receiver.Endpoint,
            filters: ["Location?address-postalcode=01&organization=Organization/eg-010000024"]));
        var ofParis = await Subscribe(Client, Subscription(CapacityTopic, Receiver.Endpoint, filters: "Location?address-postalcode=75"));

        await PatchCapacity(3, 0, first: true);

        var received = await Receiver.WaitFor(all => all.Count(r => r.Type == "event-notification") == 2, Bound, "the two notifications");
        var notified = received.Where(r => r.Type == "event-notification").Select(r => r.Parameter("subscription")!.Split('/')[^1]).ToList();
        Assert.That(notified, Is.EquivalentTo(new[] { ofAra, ofAinAndTheEG }));
        // Matched in the same page as the two others: had they matched, their counters would have moved with them.
        Assert.That(await EventsSinceStart(ofIdf), Is.EqualTo("0"));
        Assert.That(await EventsSinceStart(ofParis), Is.EqualTo("0"));
    }

    [Test]
    public async Task a_capacity_change_is_notified_to_the_subscription_of_the_lieus_regroupement_only()
    {
        // The UO of the lieu made a cardiology intensive care unit: its lieu counts in the USIC regroupement.
        var usic = StructureRequests.UO();
        usic["uo"]!["activitesOperationnelles"] = new JsonArray("354");
        await Client.Register(Requests.Registration()).EnsureOk();
        await Client.Accept(await Client.SubmitDossier([.. StructureRequests.HospitalFiches.Select(f => f.Id == "uo-cardio-hc" ? (f.Id, usic) : f)])).EnsureOk();
        await using var session = App.Store.QuerySession();
        var placement = await session.LoadAsync<RorNational.Fhir.Availability.Placement.UnitPlacement>(LieuUnit)
            ?? throw new AssertionException("the lieu has no regroupement");
        var other = placement.Regroupement == "rea-neonatale" ? "grands-brules" : "rea-neonatale";
        var ofOther = await Subscribe(Client, Subscription(CapacityTopic, Receiver.Endpoint, filters: $"Location?regroupement={other}"));
        var ofItsOwn = await Subscribe(Client, Subscription(CapacityTopic, Receiver.Endpoint, filters: $"Location?regroupement={placement.Regroupement}"));

        await PatchCapacity(3, 0, first: true);

        await Receiver.WaitFor(r => r.Any(n => n.Type == "event-notification" && n.Parameter("subscription")!.EndsWith(ofItsOwn)), Bound, "the notification of its regroupement");
        Assert.That(await EventsSinceStart(ofOther), Is.EqualTo("0"));
    }

    private async Task<string> EventsSinceStart(string id)
    {
        var status = await (await Client.GetAsync($"/fhir/Subscription/{id}/$status")).EnsureOkJson();
        return status["entry"]![0]!["resource"]!["parameter"]!.AsArray()
            .Single(p => p!["name"]!.GetValue<string>() == "events-since-subscription-start")!["valueString"]!.GetValue<string>();
    }
}

internal static class SubscriptionResponses
{
    public static async Task<JsonObject> EnsureOkJson(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body);
        return JsonNode.Parse(body)!.AsObject();
    }
}
