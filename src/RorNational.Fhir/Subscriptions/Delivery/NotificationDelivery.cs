using System.Collections.Concurrent;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RorNational.Fhir.Access;
using RorNational.Fhir.Subscriptions.Rendering;
using RorNational.Fhir.Subscriptions.Storage;

namespace RorNational.Fhir.Subscriptions.Delivery;

/// <summary>
/// Sends each Subscription's notifications, in the order of their numbers, from the rows that
/// matching stored in PostgreSQL (nothing pending is lost when the server stops): first the
/// handshake, then the events not yet delivered (up to max-count per Bundle), else a heartbeat
/// when heartbeatPeriod has passed without a notification. A failing endpoint puts the
/// subscription in error and is tried again after an exponential back-off (1 s doubling up to
/// 60 s by default); its first success delivers the backlog in order and makes it active again.
/// Each subscription is delivered by one task at a time; a slow endpoint delays only its own.
/// Timing uses the system clock: it is operational, not business time. With several nodes, one
/// delivers at a time (<see cref="DeliveryLead"/>), so that no notification leaves twice.
/// </summary>
public sealed class NotificationDelivery(
    IDocumentStore store, DeliverySignal signal, RestHook hook, SubscriberProfiles profiles, IOptions<DeliveryOptions> options, ILogger<NotificationDelivery> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, Task> _inFlight = new(StringComparer.Ordinal);
    private readonly DeliveryOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        await using var lead = new DeliveryLead(store);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (!await lead.HoldsAsync(stopping))
                {
                    await Task.Delay(_options.PollInterval, stopping);
                    continue;
                }
                await using (var session = store.QuerySession())
                    foreach (var subscription in await session.Query<TopicSubscription>().ToListAsync(stopping))
                        if (!_inFlight.ContainsKey(subscription.Id))
                            _inFlight[subscription.Id] = Task.Run(() => DeliverAsync(subscription, stopping), stopping);
                await signal.WaitAsync(_options.PollInterval, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception failure)
            {
                logger.LogWarning(failure, "looking for pending notifications failed");
                await Task.Delay(_options.PollInterval, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        await Task.WhenAll(_inFlight.Values).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task DeliverAsync(TopicSubscription subscription, CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested && await DeliverNextAsync(subscription, stopping))
            {
            }
        }
        catch (Exception failure) when (!stopping.IsCancellationRequested)
        {
            logger.LogWarning(failure, "delivering the notifications of Subscription {Id} failed", subscription.Id);
        }
        finally
        {
            _inFlight.TryRemove(subscription.Id, out _);
        }
    }

    /// <summary>Sends what is due next, if anything; true when something was delivered and more may be pending.</summary>
    private async Task<bool> DeliverNextAsync(TopicSubscription subscription, CancellationToken stopping)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<TopicSubscription>(subscription.Id, stopping) is null) return false;
        var state = await session.LoadAsync<DeliveryState>(subscription.Id, stopping) ?? new DeliveryState { Id = subscription.Id };
        var now = DateTimeOffset.UtcNow;
        if (state.NextAttemptAt > now) return false;
        var count = (await session.LoadAsync<EventCounter>(subscription.Id, stopping))?.Count ?? 0;

        string type;
        // Its client no longer registered: nothing is sent to anyone on its behalf.
        if (profiles.Of(subscription) is not { } profile) return false;
        IReadOnlyList<NotificationEvent> events = [];
        if (!state.HandshakeDone) type = "handshake";
        else
        {
            events = await session.Query<NotificationEvent>()
                .Where(e => e.SubscriptionId == subscription.Id && e.Number > state.DeliveredThrough)
                .OrderBy(e => e.Number).Take(Math.Max(1, subscription.MaxCount)).ToListAsync(stopping);
            if (events.Count > 0) type = "event-notification";
            else if (subscription.HeartbeatPeriod > 0 && (state.LastSentAt is null || now - state.LastSentAt >= TimeSpan.FromSeconds(subscription.HeartbeatPeriod)))
                type = "heartbeat";
            else return false;
        }
        var resources = subscription.PayloadContent == PayloadContents.FullResource && events.Count > 0
            ? await NotificationResources.LoadAsync(session, events.SelectMany(e => e.AdditionalContext.Prepend(e.Focus)), profile, stopping)
            : null;
        var status = state.HandshakeDone ? SubscriptionStatuses.Active : SubscriptionStatuses.Requested;
        var bundle = NotificationBundle.Write(subscription, status, type, Math.Max(count, events.Count > 0 ? events[^1].Number : 0), events, resources);

        var refusal = await hook.PostAsync(subscription, bundle, stopping);
        if (refusal is null)
        {
            state.HandshakeDone = true;
            state.Status = SubscriptionStatuses.Active;
            state.Failures = 0;
            state.NextAttemptAt = null;
            state.LastError = null;
            state.LastSentAt = DateTimeOffset.UtcNow;
            if (events.Count > 0) state.DeliveredThrough = events[^1].Number;
        }
        else
        {
            state.Failures++;
            state.Status = SubscriptionStatuses.Error;
            state.LastError = $"{type}: {refusal}";
            state.NextAttemptAt = DateTimeOffset.UtcNow + _options.RetryDelay(state.Failures);
            logger.LogInformation("Subscription {Id}: {Type} not delivered ({Refusal}), attempt {Failures}", subscription.Id, type, refusal, state.Failures);
        }
        session.Store(state);
        await session.SaveChangesAsync(stopping);
        return refusal is null && type != "heartbeat";
    }
}
