namespace RorNational.Fhir.Subscriptions.Storage;

/// <summary>
/// The number of events a Subscription has had since it started (the last event number given):
/// written only by the matching subscription of the async daemon, in the transaction that stores
/// the events and the daemon's progress, so numbers are gapless and never given twice.
/// </summary>
public sealed class EventCounter
{
    public string Id { get; set; } = "";
    public long Count { get; set; }
}

/// <summary>One event of one Subscription, kept for delivery and for <c>$events</c>.</summary>
public sealed class NotificationEvent
{
    /// <summary>"&lt;subscription id&gt;:&lt;number, 12 digits&gt;".</summary>
    public string Id { get; set; } = "";
    public string SubscriptionId { get; set; } = "";
    public long Number { get; set; }

    /// <summary>The global event sequence of the write that caused it.</summary>
    public long Sequence { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    /// <summary>The versioned reference of the resource the event is about ("Location/x/_history/7").</summary>
    public string Focus { get; set; } = "";

    /// <summary>The other versions the same write published that the subscriber may see.</summary>
    public string[] AdditionalContext { get; set; } = [];

    public static string KeyOf(string subscriptionId, long number) => $"{subscriptionId}:{number:D12}";
}
