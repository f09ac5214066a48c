using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using RorNational.Domain.Common;
using RorNational.Fhir.Subscriptions.Storage;
using RorNational.Fhir.Subscriptions.Topics;

namespace RorNational.Fhir.Subscriptions.Creating;

/// <summary>
/// Reads a posted R4 Subscription (profile backport-subscription) into what is stored: its topic
/// (criteria), filters (backport-filter-criteria), rest-hook channel (an absolute http or https
/// endpoint, headers, payload type and backport-payload-content) and the channel's
/// heartbeat-period, timeout and max-count extensions. Whatever cannot be honoured is refused
/// with 400 and the element at fault, never silently ignored.
/// </summary>
public static class SubscriptionRequest
{
    public const string Backport = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/";
    public const string FilterCriteriaUrl = Backport + "backport-filter-criteria";
    public const string PayloadContentUrl = Backport + "backport-payload-content";
    public const string HeartbeatPeriodUrl = Backport + "backport-heartbeat-period";
    public const string TimeoutUrl = Backport + "backport-timeout";
    public const string MaxCountUrl = Backport + "backport-max-count";
    public const string Profile = Backport + "backport-subscription";

    private static readonly string[] ContentTypes = [FhirJson.MediaType, "application/json"];

    public static TopicSubscription Read(string body, FilterCriteria filters)
    {
        Subscription posted;
        try { posted = FhirJson.Parse<Subscription>(body); }
        catch (Exception invalid) when (invalid is System.Text.Json.JsonException or DeserializationFailedException or InvalidCastException or FormatException)
        {
            throw Invalid($"the body is not an R4 Subscription in FHIR JSON: {FirstLine(invalid.Message)}", "Subscription");
        }
        var topic = SubscriptionTopics.Of(posted.Criteria)
            ?? throw Invalid($"criteria must be the canonical of a topic of this server (…/SubscriptionTopic/{string.Join(" or …/SubscriptionTopic/", SubscriptionTopics.All.Select(t => t.Code))}), not '{posted.Criteria}'", "Subscription.criteria");
        var criteria = posted.CriteriaElement?.Extension.Where(e => e.Url == FilterCriteriaUrl)
            .Select(e => (e.Value as FhirString)?.Value ?? throw Invalid("backport-filter-criteria takes a valueString", FilterCriteria.Field)).ToArray() ?? [];
        var channel = posted.Channel ?? throw Invalid("a Subscription needs a channel", "Subscription.channel");
        if (channel.Type != Subscription.SubscriptionChannelType.RestHook)
            throw Invalid("only the rest-hook channel is offered", "Subscription.channel.type");
        if (string.IsNullOrWhiteSpace(channel.Endpoint))
            throw Invalid("a rest-hook channel needs an endpoint", "Subscription.channel.endpoint");
        if (!Uri.TryCreate(channel.Endpoint, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
            throw Invalid($"the endpoint must be an absolute http or https URL, not '{channel.Endpoint}'", "Subscription.channel.endpoint");
        var contentType = string.IsNullOrEmpty(channel.Payload) ? FhirJson.MediaType : channel.Payload;
        if (!ContentTypes.Contains(contentType))
            throw Invalid($"payload must be {string.Join(" or ", ContentTypes)}, not '{contentType}'", "Subscription.channel.payload");
        var content = (channel.PayloadElement?.GetExtensionValue<Code>(PayloadContentUrl))?.Value ?? PayloadContents.IdOnly;
        if (!PayloadContents.All.Contains(content))
            throw Invalid($"backport-payload-content takes {string.Join(", ", PayloadContents.All)}, not '{content}'", "Subscription.channel.payload.extension");
        return new TopicSubscription
        {
            Topic = topic.Code,
            FilterCriteria = criteria,
            Filter = filters.Read(topic, criteria),
            Reason = posted.Reason,
            Endpoint = endpoint.AbsoluteUri,
            Headers = [.. channel.Header.OfType<string>()],
            ContentType = contentType,
            PayloadContent = content,
            HeartbeatPeriod = Bounded(channel.GetExtensionValue<UnsignedInt>(HeartbeatPeriodUrl)?.Value, 0, 0, 86_400, HeartbeatPeriodUrl),
            Timeout = Bounded(channel.GetExtensionValue<UnsignedInt>(TimeoutUrl)?.Value, 10, 1, 60, TimeoutUrl),
            MaxCount = Bounded(channel.GetExtensionValue<PositiveInt>(MaxCountUrl)?.Value, 20, 1, 500, MaxCountUrl),
        };
    }

    private static int Bounded(int? given, int byDefault, int min, int max, string url) =>
        given is null ? byDefault
        : given >= min && given <= max ? given.Value
        : throw Invalid($"{url[Backport.Length..]} must be between {min} and {max}", "Subscription.channel.extension");

    private static string FirstLine(string message) => message.Split('\n')[0];

    private static CommandRejected Invalid(string message, string field) => CommandRejected.Because(RejectionKind.Invalid, message, field);
}
