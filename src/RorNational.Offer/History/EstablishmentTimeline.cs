using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using RorNational.Domain.Capacity;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;

namespace RorNational.Offer.History;

/// <summary>
/// One event of an establishment's timeline (a document per event, keyed by its global
/// sequence): which event (<see cref="Kind"/>, <see cref="TimelineKinds"/>), in which stream and
/// at which version of it, who caused it, its business time (<see cref="At"/>), when it was
/// stored (<see cref="RecordedAt"/>), and its details.
/// </summary>
public sealed class TimelineEntry
{
    public string Id { get; set; } = "";
    public long Sequence { get; set; }

    /// <summary>The EJ or EG (eg-010000024): a lieu's capacity changes are its EG's.</summary>
    public string Establishment { get; set; } = "";

    public string Stream { get; set; } = "";

    /// <summary>The version of <see cref="Stream"/> the event made.</summary>
    public long Version { get; set; }

    public string Kind { get; set; } = "";
    public string Event { get; set; } = "";
    public string By { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public TimelineDetails Details { get; set; } = new();
}

/// <summary>A page of an establishment's timeline, and the link to the next page (null on the last).</summary>
public sealed record EstablishmentTimeline(string Id, IReadOnlyList<TimelineEntry> Entries, string? Next);

/// <summary>
/// Asynchronous projection, run by the async daemon after the commit, in the order of the
/// event sequence: one <see cref="TimelineEntry"/> per event of an EJ or EG stream and of its
/// lieux' capacity streams. Stored by id, so a replay rewrites the same entries.
/// </summary>
public sealed class EstablishmentTimelineEntries : IProjection
{
    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var e in events)
        {
            if (e.StreamKey is not { } stream || e.Data is not IDomainEvent domainEvent || EstablishmentOf(stream) is not { } establishment) continue;
            operations.Store(new TimelineEntry
            {
                Id = e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Sequence = e.Sequence,
                Establishment = establishment,
                Stream = stream,
                Version = e.Version,
                Kind = TimelineKinds.Of(e.Data),
                Event = e.EventTypeName,
                By = domainEvent.By.Id,
                At = domainEvent.At,
                RecordedAt = e.Timestamp,
                Details = TimelineKinds.DetailsOf(e.Data, stream),
            });
        }
        return Task.CompletedTask;
    }

    private static string? EstablishmentOf(string stream) =>
        EstablishmentIds.IsEstablishmentStream(stream) ? stream
        : CapacityStreams.FinessOf(stream) is { } finess ? EstablishmentIds.EG(finess)
        : null;
}
