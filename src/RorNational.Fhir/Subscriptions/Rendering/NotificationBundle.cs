using System.Text.Json.Nodes;
using RorNational.Fhir.Http;
using RorNational.Fhir.Subscriptions.Storage;
using RorNational.Fhir.Subscriptions.Topics;

namespace RorNational.Fhir.Subscriptions.Rendering;

/// <summary>
/// A notification as the backport IG shapes it on R4: a Bundle of type history (or query-status /
/// query-event for <c>$status</c> and <c>$events</c>) whose first entry is the
/// backport-subscription-status-r4 Parameters (subscription, topic, status, type,
/// events-since-subscription-start, one notification-event per event with its number, timestamp
/// and versioned focus), then one entry per resource named (with the resource for full-resource,
/// without for id-only; none for empty).
/// </summary>
public static class NotificationBundle
{
    public const string StatusProfile = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription-status-r4";

    /// <param name="resources">The resources of full-resource payloads, already redacted for the subscriber, by versioned reference (null: deleted).</param>
    public static string Write(TopicSubscription subscription, string status, string type, long eventsSinceStart,
        IReadOnlyList<NotificationEvent> events, IReadOnlyDictionary<string, string?>? resources, string bundleType = "history")
    {
        var fhirBase = subscription.FhirBase;
        var topic = SubscriptionTopics.ByCode(subscription.Topic);
        var parameters = new JsonArray
        {
            Parameter("subscription", "valueReference", new JsonObject { ["reference"] = $"{fhirBase}/Subscription/{subscription.Id}" }),
            Parameter("topic", "valueCanonical", topic.CanonicalOn(fhirBase)),
            Parameter("status", "valueCode", status),
            Parameter("type", "valueCode", type),
            Parameter("events-since-subscription-start", "valueString", eventsSinceStart.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        var withFocus = subscription.PayloadContent != PayloadContents.Empty;
        foreach (var e in events)
        {
            var parts = new JsonArray
            {
                Parameter("event-number", "valueString", e.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Parameter("timestamp", "valueInstant", BundleJson.Instant(e.Timestamp)),
            };
            if (withFocus)
            {
                parts.Add(Parameter("focus", "valueReference", new JsonObject { ["reference"] = $"{fhirBase}/{e.Focus}" }));
                foreach (var other in e.AdditionalContext)
                    parts.Add(Parameter("additional-context", "valueReference", new JsonObject { ["reference"] = $"{fhirBase}/{other}" }));
            }
            parameters.Add(new JsonObject { ["name"] = "notification-event", ["part"] = parts });
        }
        var entries = new JsonArray
        {
            new JsonObject
            {
                ["fullUrl"] = $"urn:uuid:{Guid.NewGuid()}",
                ["resource"] = new JsonObject
                {
                    ["resourceType"] = "Parameters",
                    ["meta"] = new JsonObject { ["profile"] = new JsonArray(StatusProfile) },
                    ["parameter"] = parameters,
                },
                ["request"] = new JsonObject { ["method"] = "GET", ["url"] = $"{fhirBase}/Subscription/{subscription.Id}/$status" },
                ["response"] = new JsonObject { ["status"] = "200" },
            },
        };
        if (withFocus)
            foreach (var reference in events.SelectMany(e => e.AdditionalContext.Prepend(e.Focus)).Distinct())
                entries.Add(Entry(fhirBase, reference, resources));
        return new JsonObject
        {
            ["resourceType"] = "Bundle",
            ["id"] = Guid.NewGuid().ToString(),
            ["type"] = bundleType,
            ["timestamp"] = BundleJson.Instant(DateTimeOffset.UtcNow),
            ["entry"] = entries,
        }.ToJsonString(FhirJson.Options);
    }

    private static JsonObject Entry(string fhirBase, string versioned, IReadOnlyDictionary<string, string?>? resources)
    {
        var at = versioned.IndexOf("/_history/", StringComparison.Ordinal);
        var unversioned = versioned[..at];
        var version = versioned[(at + "/_history/".Length)..];
        var entry = new JsonObject { ["fullUrl"] = $"{fhirBase}/{unversioned}" };
        string? json = null;
        var deleted = resources is not null && resources.TryGetValue(versioned, out json) && json is null;
        if (json is not null) entry["resource"] = JsonNode.Parse(json);
        entry["request"] = new JsonObject { ["method"] = deleted ? "DELETE" : "PUT", ["url"] = unversioned };
        entry["response"] = new JsonObject { ["status"] = "200", ["etag"] = $"W/\"{version}\"" };
        return entry;
    }

    private static JsonObject Parameter(string name, string valueName, JsonNode value) => new() { ["name"] = name, [valueName] = value };
}
