namespace RorNational.Fhir.Subscriptions.Delivery;

/// <summary>
/// How notifications are delivered (configuration section Subscriptions): how often the pending
/// ones are looked for without a wake-up, and the exponential back-off of a failing endpoint.
/// </summary>
public sealed class DeliveryOptions
{
    public const string Section = "Subscriptions";

    /// <summary>The longest wait between two looks at the pending notifications (heartbeats, retries).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The wait after a first failure; doubled at each failure in a row.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts while an endpoint fails.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The wait before the next attempt after <paramref name="failures"/> failures in a row (1, 2, 4... capped).</summary>
    public TimeSpan RetryDelay(int failures)
    {
        var doubled = FirstRetryDelay.TotalSeconds * Math.Pow(2, Math.Min(30, Math.Max(0, failures - 1)));
        return TimeSpan.FromSeconds(Math.Min(doubled, MaxRetryDelay.TotalSeconds));
    }
}
