using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using RorNational.Domain.Common;

namespace RorNational.Offer.History;

/// <summary>
/// Inline projection: the events a transaction appends add, in the same transaction and one
/// statement, a <see cref="TimelineTable"/> row per event of an EJ or EG stream and of its lieux'
/// capacity streams (Marten's rich appends give the events their sequence and timestamp before
/// the inline projections run). Nothing of the event is copied: the timeline reads the events
/// from the event log. Inline rather than asynchronous: the daemon would read every event back
/// and deserialize it only to learn its stream, which cost a capacity change more than the row.
/// </summary>
public sealed class EstablishmentTimelineIndex : IProjection
{
    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var establishments = new List<string>(events.Count);
        var sequences = new List<long>(events.Count);
        var kinds = new List<string>(events.Count);
        var recorded = new List<DateTimeOffset>(events.Count);
        foreach (var e in events)
        {
            if (e.StreamKey is not { } stream || e.Data is not IDomainEvent || TimelineTable.EstablishmentOf(stream) is not { } establishment) continue;
            establishments.Add(establishment);
            sequences.Add(e.Sequence);
            kinds.Add(TimelineKinds.Of(e.Data.GetType()));
            recorded.Add(e.Timestamp);
        }
        if (sequences.Count > 0)
            operations.QueueSqlCommand(TimelineTable.Insert(operations.DocumentStore.Options.DatabaseSchemaName), establishments.ToArray(), sequences.ToArray(), kinds.ToArray(), recorded.ToArray());
        return Task.CompletedTask;
    }
}
