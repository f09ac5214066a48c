using RorNational.Fhir.Subscriptions.Topics;

namespace RorNational.Fhir.Subscriptions.Storage;

/// <summary>
/// A client's Subscription as it was accepted: what it listens to, where notifications go, how
/// they are shaped. Written once by the POST and deleted by the DELETE, never updated: the
/// counter of its events (<see cref="EventCounter"/>) and its delivery (<see cref="DeliveryState"/>)
/// each have one writer of their own, so none overwrites another's change.
/// </summary>
public sealed class TopicSubscription
{
    public string Id { get; set; } = "";

    /// <summary>The registered client that created it: the only one that sees it.</summary>
    public string ClientId { get; set; } = "";

    public string Topic { get; set; } = "";
    public string[] FilterCriteria { get; set; } = [];
    public SubscriptionFilter Filter { get; set; } = new();
    public string? Reason { get; set; }

    public string Endpoint { get; set; } = "";
    public string[] Headers { get; set; } = [];
    public string ContentType { get; set; } = FhirJson.MediaType;

    /// <summary>empty, id-only or full-resource.</summary>
    public string PayloadContent { get; set; } = PayloadContents.IdOnly;

    /// <summary>Seconds without a notification after which a heartbeat is sent; 0: none.</summary>
    public int HeartbeatPeriod { get; set; }

    /// <summary>Seconds the receiver has to answer one notification.</summary>
    public int Timeout { get; set; } = 10;

    /// <summary>Most events in one notification.</summary>
    public int MaxCount { get; set; } = 20;

    /// <summary>This server's FHIR base when it was created: the base of the references notifications carry.</summary>
    public string FhirBase { get; set; } = "";

    public DateTimeOffset Created { get; set; }

    /// <summary>The last event sequence written when it was created: only later writes are its events.</summary>
    public long StartSequence { get; set; }
}

public static class PayloadContents
{
    public const string Empty = "empty";
    public const string IdOnly = "id-only";
    public const string FullResource = "full-resource";
    public static readonly string[] All = [Empty, IdOnly, FullResource];
}
