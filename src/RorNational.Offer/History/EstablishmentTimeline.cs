using JasperFx.Events;
using Marten.Events.Aggregation;
using RorNational.Domain.Common;

namespace RorNational.Offer.History;

/// <summary>One recorded change: which event, who caused it, its business time and when it was stored.</summary>
public sealed record TimelineEntry(long Version, string Event, string By, DateTimeOffset At, DateTimeOffset RecordedAt);

/// <summary>The auditors' view of one EJ or EG stream: every change in order.</summary>
public sealed class EstablishmentTimeline
{
    public string Id { get; set; } = "";
    public List<TimelineEntry> Entries { get; set; } = [];
}

/// <summary>Asynchronous projection, run by the async daemon after the commit.</summary>
public sealed class EstablishmentTimelineProjection : SingleStreamProjection<EstablishmentTimeline, string>
{
    public override EstablishmentTimeline Evolve(EstablishmentTimeline? timeline, string id, IEvent e)
    {
        timeline ??= new EstablishmentTimeline { Id = id };
        if (e.Data is IDomainEvent domainEvent)
            timeline.Entries.Add(new TimelineEntry(e.Version, e.EventTypeName, domainEvent.By.Id, domainEvent.At, e.Timestamp));
        return timeline;
    }
}
