namespace RorNational.Fhir.Subscriptions.Storage;

/// <summary>
/// How far the delivery of a Subscription's notifications went, written only by
/// <see cref="Delivery.NotificationDelivery"/>: the status served (requested until the handshake
/// is answered, active, error while the endpoint fails), the last event delivered, the failures
/// in a row and when the next attempt is due.
/// </summary>
public sealed class DeliveryState
{
    public string Id { get; set; } = "";
    public string Status { get; set; } = SubscriptionStatuses.Requested;
    public bool HandshakeDone { get; set; }
    public long DeliveredThrough { get; set; }
    public int Failures { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? LastSentAt { get; set; }
    public string? LastError { get; set; }
}

public static class SubscriptionStatuses
{
    public const string Requested = "requested";
    public const string Active = "active";
    public const string Error = "error";
}
