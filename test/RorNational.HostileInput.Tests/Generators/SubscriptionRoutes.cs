using System.Text.Json.Nodes;
using CsCheck;
using RorNational.HostileInput.Tests.Requests;
using RorNational.IntegrationTests.Subscriptions;
using static RorNational.HostileInput.Tests.Generators.Cases;

namespace RorNational.HostileInput.Tests.Generators;

/// <summary>
/// Change notifications: Subscriptions posted with JSON faults and with every element that cannot
/// be honoured (topic, filters, channel, endpoint, payload, extension bounds), read, deleted and
/// asked for $status and $events by unknown and malformed ids, by nobody, and with bad event numbers.
/// The plausible body names an unknown topic, so that no fault ever creates a Subscription.
/// </summary>
public static class SubscriptionRoutes
{
    private const string Create = "POST /fhir/Subscription";
    private const string Read = "GET /fhir/Subscription/{id}";
    private const string Delete = "DELETE /fhir/Subscription/{id}";
    private const string Status = "GET /fhir/Subscription/{id}/$status";
    private const string Events = "GET /fhir/Subscription/{id}/$events";
    private const string Hook = "http://127.0.0.1:9/hook";
    private const string Capacity = "http://localhost/fhir/SubscriptionTopic/location-capacity-changed";

    private static JsonObject Plausible() => SubscriptionFixture.Subscription("http://localhost/fhir/SubscriptionTopic/not-a-topic", Hook);

    public static IEnumerable<RouteGenerator> Routes() =>
    [
        new(Create, _ => Gen.Const(Post("plausible", JsonFaults.Json(Plausible()))),
            _ => Gen.Frequency<HostileRequest>(
                (2, JsonFaults.Of(Plausible()).Select(fault => Post(fault.Category, fault.Body))),
                (2, Refused().Select(fault => Post(fault.Category, JsonFaults.Json(fault.Body)))),
                (1, Gen.OneOf<Caller>(new Caller.Anonymous()).Select(caller => Post(Category.Tokens, JsonFaults.Json(Plausible())) with { Caller = caller }))),
            HasBody: true),
        ById(Read, HttpMethod.Get, ""),
        ById(Delete, HttpMethod.Delete, ""),
        ById(Status, HttpMethod.Get, "/$status"),
        new(Events, _ => Gen.Const(Get(Events, $"/fhir/Subscription/{Guid.Empty:N}/$events?eventsSinceNumber=1", "plausible")),
            _ => Any(
                Malformed.PathIds.Select(id => Get(Events, $"/fhir/Subscription/{id}/$events", Category.UnknownIds)),
                Gen.OneOf("eventsSinceNumber=abc", "eventsSinceNumber=-1", "eventsSinceNumber=0", "eventsSinceNumber=99999999999999999999999",
                        "eventsUntilNumber=1.5", "eventsSinceNumber=1&eventsSinceNumber=2", "eventsSinceNumber=%00")
                    .Select(q => Get(Events, $"/fhir/Subscription/{Guid.Empty:N}/$events?{q}", Category.WrongTypes)),
                Gen.Const(Get(Events, $"/fhir/Subscription/{Guid.Empty:N}/$events", Category.Tokens) with { Caller = new Caller.Anonymous() }))),
    ];

    private static RouteGenerator ById(string route, HttpMethod method, string suffix) => new(route,
        _ => Gen.Const(new HostileRequest("plausible", route, method, $"/fhir/Subscription/{Guid.Empty:N}{suffix}")),
        _ => Any(
            Malformed.PathIds.Select(id => new HostileRequest(Category.UnknownIds, route, method, $"/fhir/Subscription/{id}{suffix}")),
            Gen.Const(new HostileRequest(Category.Tokens, route, method, $"/fhir/Subscription/{Guid.Empty:N}{suffix}") { Caller = new Caller.Anonymous() })));

    /// <summary>Well-formed Subscriptions that cannot be honoured.</summary>
    private static Gen<(string Category, JsonObject Body)> Refused() => Gen.OneOf(
        (Category.UnknownMembers, SubscriptionFixture.Subscription(Capacity, Hook, filters: "Location?name=x")),
        (Category.WrongTypes, SubscriptionFixture.Subscription(Capacity, Hook, filters: "Organization?_id=eg-010000024")),
        (Category.OutOfRange, SubscriptionFixture.Subscription(Capacity, Hook, filters: $"Location?_tag={SubscriptionFixture.RegionSystem}|99")),
        (Category.OutOfRange, SubscriptionFixture.Subscription(Capacity, Hook, filters: "Location?regroupement=none")),
        (Category.Nul, SubscriptionFixture.Subscription(Capacity, Hook, filters: "Location?address-postalcode=0\u00001")),
        (Category.WrongTypes, SubscriptionFixture.Subscription(Capacity, "ftp://127.0.0.1/hook")),
        (Category.WrongTypes, SubscriptionFixture.Subscription(Capacity, "not a url")),
        (Category.WrongTypes, SubscriptionFixture.Subscription(Capacity, Hook, content: "everything")),
        (Category.OutOfRange, SubscriptionFixture.Subscription(Capacity, Hook, heartbeat: 100_000)),
        (Category.WrongTypes, With(SubscriptionFixture.Subscription(Capacity, Hook), c => c["type"] = "websocket")),
        (Category.WrongTypes, With(SubscriptionFixture.Subscription(Capacity, Hook), c => c.Remove("endpoint"))),
        (Category.WrongTypes, With(SubscriptionFixture.Subscription(Capacity, Hook), c => c["payload"] = "text/csv")));

    private static JsonObject With(JsonObject subscription, Action<JsonObject> change)
    {
        change(subscription["channel"]!.AsObject());
        return subscription;
    }

    private static HostileRequest Post(string category, HostileBody body) =>
        new(category, Create, HttpMethod.Post, "/fhir/Subscription") { Body = CapacityPatches.Fhir(body) };

    private static HostileRequest Get(string route, string path, string category) => new(category, route, HttpMethod.Get, path);
}
