using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Services;
using Marten.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using RorNational.Fhir.Access;
using RorNational.Fhir.Provenances;
using RorNational.Fhir.Subscriptions.Delivery;
using RorNational.Fhir.Subscriptions.Storage;
using RorNational.Fhir.Subscriptions.Topics;
using RorNational.ReferenceData;

namespace RorNational.Fhir.Subscriptions.Matching;

/// <summary>
/// Turns published writes into the events of each Subscription: a Marten subscription run by the
/// async daemon on one node at a time, page after page of the event sequence below the high-water
/// mark (as <see cref="ProvenanceChaining"/>). Each page's <see cref="ProvenanceRecord"/>s, in
/// sequence order, are matched to the subscriptions (topic, filters, the subscriber's profile);
/// each match gets the subscription's next number, stored with the counter in the transaction that
/// also stores the daemon's progress: numbers gapless, in store order, none given twice, none lost.
/// Delivery is woken once the page is committed.
/// </summary>
public sealed class NotificationMatching : SubscriptionBase
{
    private readonly Lazy<(SubscriberProfiles Profiles, Territory Territory, DeliverySignal Signal)> _services;

    public NotificationMatching(IServiceProvider services)
    {
        _services = new(() => (services.GetRequiredService<SubscriberProfiles>(), services.GetRequiredService<Territory>(), services.GetRequiredService<DeliverySignal>()));
        Name = nameof(NotificationMatching);
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        // The subscriptions first: without any (a FINESS import on a new repository), the page's
        // records, with their Provenance, are not read and deserialized for nothing.
        var subscriptions = await operations.Query<TopicSubscription>().ToListAsync(cancellationToken);
        if (subscriptions.Count == 0) return NullChangeListener.Instance;
        var records = await ProvenancePages.RecordsOfAsync(operations, page, cancellationToken);
        if (records.Count == 0) return NullChangeListener.Instance;

        var (profiles, territory, signal) = _services.Value;
        var counters = (await operations.LoadManyAsync<EventCounter>(cancellationToken, subscriptions.Select(s => s.Id).ToArray()))
            .ToDictionary(c => c.Id);
        var facts = new ChangeFactsReader(operations, territory);
        var changed = new HashSet<EventCounter>();
        foreach (var record in records)
        {
            if (TopicOfWrite.Of(record) is not { } topic) continue;
            foreach (var subscription in subscriptions.Where(s => s.Topic == topic.Code && record.Sequence > s.StartSequence))
            {
                // The client's profile now: one lowered since it subscribed hears only what it sees now (capacity included).
                if (profiles.Of(subscription) is not { } profile) continue;
                if (topic.Code == SubscriptionTopics.LocationCapacity.Code && profile.Hides(Access.DataClass.Capacity)) continue;
                if (TopicOfWrite.VisibleTo(record, topic, profile) is not { } visible) continue;
                if (!subscription.Filter.Keeps(await facts.OfAsync(record.Stream, cancellationToken))) continue;
                if (!counters.TryGetValue(subscription.Id, out var counter)) counters[subscription.Id] = counter = new EventCounter { Id = subscription.Id };
                counter.Count++;
                changed.Add(counter);
                operations.Store(new NotificationEvent
                {
                    Id = NotificationEvent.KeyOf(subscription.Id, counter.Count),
                    SubscriptionId = subscription.Id,
                    Number = counter.Count,
                    Sequence = record.Sequence,
                    Timestamp = record.Recorded,
                    Focus = visible.Focus,
                    AdditionalContext = visible.Others,
                });
            }
        }
        foreach (var counter in changed) operations.Store(counter);
        return changed.Count == 0 ? NullChangeListener.Instance : new WakeDelivery(signal);
    }

    /// <summary>Wakes the delivery once the page's events are committed.</summary>
    private sealed class WakeDelivery(DeliverySignal signal) : IChangeListener
    {
        public Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            signal.Pulse();
            return Task.CompletedTask;
        }

        public Task BeforeCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token) => Task.CompletedTask;
    }
}
