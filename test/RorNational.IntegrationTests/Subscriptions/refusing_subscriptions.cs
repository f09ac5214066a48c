using System.Net;
using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Subscriptions;

/// <summary>What cannot be honoured is refused with an OperationOutcome; a client sees only its own Subscriptions.</summary>
public sealed class refusing_subscriptions : SubscriptionFixture
{
    private static IEnumerable<TestCaseData> BadBodies()
    {
        const string hook = "http://127.0.0.1:9/hook";
        yield return new TestCaseData(Subscription("http://localhost/fhir/SubscriptionTopic/unknown", hook), "Subscription.criteria").SetName("an unknown topic");
        yield return new TestCaseData(Subscription(CapacityTopic, hook, filters: "Location?name=X"), "Subscription.criteria.extension").SetName("a filter parameter not offered");
        yield return new TestCaseData(Subscription(CapacityTopic, hook, filters: $"Location?_tag={RegionSystem}|99"), "Subscription.criteria.extension").SetName("an unknown région");
        yield return new TestCaseData(Subscription(CapacityTopic, hook, filters: "Organization?_id=eg-010000024"), "Subscription.criteria.extension").SetName("a filter on another resource type");
        yield return new TestCaseData(Subscription(CapacityTopic, hook, filters: "Location?regroupement=nothing"), "Subscription.criteria.extension").SetName("an unknown regroupement");
        yield return new TestCaseData(Without(Subscription(CapacityTopic, hook), "endpoint"), "Subscription.channel.endpoint").SetName("no endpoint");
        yield return new TestCaseData(Subscription(CapacityTopic, "ftp://127.0.0.1/hook"), "Subscription.channel.endpoint").SetName("an ftp endpoint");
        yield return new TestCaseData(Subscription(CapacityTopic, "/hook"), "Subscription.channel.endpoint").SetName("a relative endpoint");
        yield return new TestCaseData(Subscription(CapacityTopic, hook, content: "everything"), "Subscription.channel.payload.extension").SetName("an unknown payload content");
        yield return new TestCaseData(WithChannelType(Subscription(CapacityTopic, hook), "websocket"), "Subscription.channel.type").SetName("a websocket channel");
        yield return new TestCaseData(new JsonObject { ["resourceType"] = "Patient" }, "Subscription").SetName("not a Subscription");
    }

    [TestCaseSource(nameof(BadBodies))]
    public async Task a_subscription_that_cannot_be_honoured_is_refused_with_400(JsonObject body, string expression)
    {
        var response = await Post(Client, body);

        var outcome = await Outcome(response);
        Assert.That(outcome.Status, Is.EqualTo(400), outcome.Body);
        Assert.That(outcome.Body, Does.Contain("OperationOutcome"));
        Assert.That(outcome.Expressions, Has.Some.StartsWith(expression), outcome.Body);
    }

    [Test]
    public async Task another_clients_subscription_is_not_found_and_its_owner_may_delete_it()
    {
        var id = (await (await Post(Client, Subscription(CapacityTopic, Receiver.Endpoint)).EnsureOk()).ReadJson())["id"]!.GetValue<string>();
        using var other = App.ClientFor(TestClients.Editor);

        Assert.Multiple(async () =>
        {
            Assert.That((await other.GetAsync($"/fhir/Subscription/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await other.GetAsync($"/fhir/Subscription/{id}/$status")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await other.GetAsync($"/fhir/Subscription/{id}/$events")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await other.DeleteAsync($"/fhir/Subscription/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await Client.GetAsync($"/fhir/Subscription/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "still there");
            Assert.That((await Client.DeleteAsync($"/fhir/Subscription/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That((await Client.GetAsync($"/fhir/Subscription/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task an_anonymous_caller_may_not_subscribe_nor_read_one()
    {
        var id = (await (await Post(Client, Subscription(CapacityTopic, Receiver.Endpoint)).EnsureOk()).ReadJson())["id"]!.GetValue<string>();
        using var anonymous = App.AnonymousClient();

        await Security.Refusals.AssertNoTokenRefused(await Post(anonymous, Subscription(CapacityTopic, Receiver.Endpoint)));
        await Security.Refusals.AssertNoTokenRefused(await anonymous.GetAsync($"/fhir/Subscription/{id}"));
        await Security.Refusals.AssertNoTokenRefused(await anonymous.GetAsync($"/fhir/Subscription/{id}/$status"));
    }

    private static JsonObject Without(JsonObject subscription, string channelElement)
    {
        subscription["channel"]!.AsObject().Remove(channelElement);
        return subscription;
    }

    private static JsonObject WithChannelType(JsonObject subscription, string type)
    {
        subscription["channel"]!["type"] = type;
        return subscription;
    }
}
