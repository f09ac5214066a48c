using JasperFx.Events;
using Marten;
using RorNational.Domain.Capacity;
using RorNational.Domain.Establishments;

namespace RorNational.Fhir.Description;

/// <summary>
/// The events a description replays, read from Marten's event log (mt_events): the cut on the
/// global sequence an instant gives (<see cref="CutAtAsync"/>), and the events of the streams that
/// make an establishment's description up to that cut, in sequence order.
/// </summary>
public static class DescriptionEvents
{
    /// <summary>
    /// The cut for an instant: the highest sequence of the events whose timestamp is not after it.
    /// Marten stamps every event a transaction appends with that transaction's timestamp (when
    /// it began, PostgreSQL's transaction_timestamp()), the same instant the projection made the
    /// resources' lastUpdated of: so the cut holds every transaction whose versions say they were
    /// published by then, as <c>_at</c> reads versions. Null before the first event.
    /// Read backwards from the newest event (the primary key's order): quick for recent instants.
    /// </summary>
    public static async Task<long?> CutAtAsync(IQuerySession session, DateTimeOffset at, CancellationToken cancellation)
    {
        var last = await session.Events.QueryAllRawEvents()
            .Where(e => e.Timestamp <= at)
            .OrderByDescending(e => e.Sequence)
            .Take(1)
            .ToListAsync(cancellation);
        return last.Count == 0 ? null : last[0].Sequence;
    }

    /// <summary>
    /// The events of an EG's stream and of the capacity streams of every lieu it held up to the cut,
    /// up to the cut, merged in sequence order. The lieux are read from the EG's own events first,
    /// so that every stream is read by its key (Marten's index on the stream id), never by a prefix.
    /// </summary>
    public static async Task<IReadOnlyList<IEvent>> OfEGAsync(IQuerySession session, string egFiness, long cut, CancellationToken cancellation)
    {
        var eg = await OfStreamAsync(session, EstablishmentIds.EG(egFiness), cut, cancellation);
        var capacityStreams = LieuxEverIn(eg).Select(lieu => CapacityStreams.Of(egFiness, lieu)).ToArray();
        if (capacityStreams.Length == 0) return eg;
        var capacity = await session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence <= cut && e.StreamKey.IsOneOf(capacityStreams))
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellation);
        return [.. eg.Concat(capacity).OrderBy(e => e.Sequence)];
    }

    /// <summary>The fiche ids of the lieux an EG's events ever published.</summary>
    private static HashSet<string> LieuxEverIn(IEnumerable<IEvent> events)
    {
        var lieux = new HashSet<string>(StringComparer.Ordinal);
        EG? state = null;
        foreach (var e in events)
        {
            state = EG.Evolve(state, e.Data);
            if (state is null) continue;
            foreach (var fiche in state.Fiches.Values)
                if (fiche.Lieu is not null) lieux.Add(fiche.Id);
        }
        return lieux;
    }

    /// <summary>The events of one stream up to the cut, in sequence order.</summary>
    public static async Task<IReadOnlyList<IEvent>> OfStreamAsync(IQuerySession session, string stream, long cut, CancellationToken cancellation) =>
        await session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence <= cut && e.StreamKey == stream)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellation);
}
