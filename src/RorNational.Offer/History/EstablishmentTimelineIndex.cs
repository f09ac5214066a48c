using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using RorNational.Domain.Capacity;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;

namespace RorNational.Offer.History;

/// <summary>
/// Inline projection: the events a transaction appends add, in the same transaction and one
/// statement, a <see cref="TimelineTable"/> row per event of an EJ or EG stream and of its lieux'
/// capacity streams (Marten's rich appends give the events their sequence and timestamp before
/// the inline projections run). Of the event only its kind and time are copied, to filter on:
/// the timeline reads the events themselves from the event log. Inline rather than asynchronous: the daemon would read every event back
/// and deserialize it only to learn its stream, which cost a capacity change more than the row.
/// </summary>
public sealed class EstablishmentTimelineIndex : IProjection
{
    // The statement, built once for the store's schema: it runs with every transaction that appends
    // (read and replaced whole by concurrent transactions: a reference, never half written).
    private Statement? _upsert;

    private sealed record Statement(string Schema, string Sql);

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var establishments = new List<string>(events.Count);
        var sequences = new List<long>(events.Count);
        var kinds = new List<string>(events.Count);
        var recorded = new List<DateTimeOffset>(events.Count);
        foreach (var e in events)
        {
            if (e.StreamKey is not { } stream || e.Data is not IDomainEvent || EstablishmentOf(stream) is not { } establishment) continue;
            establishments.Add(establishment);
            sequences.Add(e.Sequence);
            kinds.Add(TimelineKinds.Of(e.Data.GetType()));
            recorded.Add(e.Timestamp);
        }
        if (sequences.Count > 0)
            operations.QueueSqlCommand(UpsertFor(operations.DocumentStore.Options.DatabaseSchemaName), establishments.ToArray(), sequences.ToArray(), kinds.ToArray(), recorded.ToArray());
        return Task.CompletedTask;
    }

    private string UpsertFor(string schema)
    {
        var known = _upsert;
        if (known is null || known.Schema != schema) _upsert = known = new Statement(schema, TimelineTable.Upsert(schema));
        return known.Sql;
    }

    /// <summary>The EJ or EG whose timeline an event of this stream belongs to: a lieu's capacity changes are its EG's.</summary>
    public static string? EstablishmentOf(string stream) =>
        EstablishmentIds.IsEstablishmentStream(stream) ? stream
        : CapacityStreams.FinessOf(stream) is { } finess ? EstablishmentIds.EG(finess)
        : null;
}
