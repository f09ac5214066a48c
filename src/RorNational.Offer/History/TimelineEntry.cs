using JasperFx.Events;
using RorNational.Domain.Common;

namespace RorNational.Offer.History;

/// <summary>
/// One event of an establishment's timeline, as served: which event (<see cref="Kind"/>,
/// <see cref="TimelineKinds"/>), in which stream and at which version of it, who caused it, its
/// business time (<see cref="At"/>), when it was stored (<see cref="RecordedAt"/>), and its details.
/// </summary>
public sealed class TimelineEntry
{
    public string Id { get; init; } = "";
    public long Sequence { get; init; }

    /// <summary>The EJ or EG (eg-010000024): a lieu's capacity changes are its EG's.</summary>
    public string Establishment { get; init; } = "";

    public string Stream { get; init; } = "";

    /// <summary>The version of <see cref="Stream"/> the event made.</summary>
    public long Version { get; init; }

    public string Kind { get; init; } = "";
    public string Event { get; init; } = "";
    public string By { get; init; } = "";
    public DateTimeOffset At { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public TimelineDetails Details { get; init; } = new();

    /// <summary>The entry of an event read from the event log.</summary>
    public static TimelineEntry Of(IEvent e, string establishment)
    {
        var domainEvent = (IDomainEvent)e.Data;
        return new TimelineEntry
        {
            Id = e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Sequence = e.Sequence,
            Establishment = establishment,
            Stream = e.StreamKey!,
            Version = e.Version,
            Kind = TimelineKinds.Of(e.Data.GetType()),
            Event = e.EventTypeName,
            By = domainEvent.By.Id,
            At = domainEvent.At,
            RecordedAt = e.Timestamp,
            Details = TimelineKinds.DetailsOf(e.Data, e.StreamKey!),
        };
    }
}

/// <summary>A page of an establishment's timeline, and the link to the next page (null on the last).</summary>
public sealed record EstablishmentTimeline(string Id, IReadOnlyList<TimelineEntry> Entries, string? Next);
