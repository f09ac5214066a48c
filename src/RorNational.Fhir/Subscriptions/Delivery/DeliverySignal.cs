namespace RorNational.Fhir.Subscriptions.Delivery;

/// <summary>
/// Wakes <see cref="NotificationDelivery"/> when there may be something to send (events committed,
/// a Subscription created) instead of waiting for its next poll: the latency of a notification
/// is then that of the daemon's page, not of a polling period.
/// </summary>
public sealed class DeliverySignal
{
    private readonly SemaphoreSlim _pulses = new(0, 1);

    public void Pulse()
    {
        try { _pulses.Release(); }
        catch (SemaphoreFullException) { /* already pulsed: one wake-up serves every pulse before it */ }
    }

    public Task WaitAsync(TimeSpan atMost, CancellationToken cancellation) => _pulses.WaitAsync(atMost, cancellation);
}
