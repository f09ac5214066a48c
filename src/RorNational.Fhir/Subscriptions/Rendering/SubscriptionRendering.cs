using System.Text.Json.Nodes;
using RorNational.Fhir.Subscriptions.Creating;
using RorNational.Fhir.Subscriptions.Storage;
using RorNational.Fhir.Subscriptions.Topics;

namespace RorNational.Fhir.Subscriptions.Rendering;

/// <summary>A stored Subscription as served (R4, profile backport-subscription), with the status its delivery gives it.</summary>
public static class SubscriptionRendering
{
    public static string Write(TopicSubscription subscription, DeliveryState? state)
    {
        var channelExtensions = new JsonArray();
        if (subscription.HeartbeatPeriod > 0)
            channelExtensions.Add(Extension(SubscriptionRequest.HeartbeatPeriodUrl, "valueUnsignedInt", subscription.HeartbeatPeriod));
        channelExtensions.Add(Extension(SubscriptionRequest.TimeoutUrl, "valueUnsignedInt", subscription.Timeout));
        channelExtensions.Add(Extension(SubscriptionRequest.MaxCountUrl, "valuePositiveInt", subscription.MaxCount));
        var channel = new JsonObject
        {
            ["extension"] = channelExtensions,
            ["type"] = "rest-hook",
            ["endpoint"] = subscription.Endpoint,
            ["payload"] = subscription.ContentType,
            ["_payload"] = new JsonObject { ["extension"] = new JsonArray(Extension(SubscriptionRequest.PayloadContentUrl, "valueCode", subscription.PayloadContent)) },
        };
        if (subscription.Headers.Length > 0) channel["header"] = new JsonArray([.. subscription.Headers.Select(h => (JsonNode)JsonValue.Create(h))]);
        var resource = new JsonObject
        {
            ["resourceType"] = "Subscription",
            ["id"] = subscription.Id,
            ["meta"] = new JsonObject { ["profile"] = new JsonArray(SubscriptionRequest.Profile) },
            ["status"] = state?.Status ?? SubscriptionStatuses.Requested,
            ["reason"] = subscription.Reason ?? SubscriptionTopics.ByCode(subscription.Topic).Title,
            ["criteria"] = SubscriptionTopics.ByCode(subscription.Topic).CanonicalOn(subscription.FhirBase),
        };
        if (subscription.FilterCriteria.Length > 0)
            resource["_criteria"] = new JsonObject
            {
                ["extension"] = new JsonArray([.. subscription.FilterCriteria.Select(c => (JsonNode)Extension(SubscriptionRequest.FilterCriteriaUrl, "valueString", c))]),
            };
        if (state?.LastError is { } error) resource["error"] = error;
        resource["channel"] = channel;
        return resource.ToJsonString(FhirJson.Options);
    }

    private static JsonObject Extension(string url, string valueName, JsonNode value) => new() { ["url"] = url, [valueName] = value };
}
