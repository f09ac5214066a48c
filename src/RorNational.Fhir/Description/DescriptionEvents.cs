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
    /// The cut for an instant: the highest sequence of the events of the description's streams (the
    /// EG's, the EJs' it was attached to, its lieux' capacity streams) whose timestamp is not after it.
    /// Marten stamps every event a transaction appends with one timestamp, taken when the session
    /// saves, the same instant the projection made the resources' lastUpdated of: so the cut holds
    /// every transaction whose versions say they were published by then, as <c>_at</c> reads
    /// versions, and none stamped later even if it took its sequence earlier. Read by the streams'
    /// keys (Marten's index on the stream id), so its cost is the establishment's own history,
    /// not the number of events the whole repository appended since. Null before its first event.
    /// </summary>
    public static async Task<long?> CutAtAsync(IQuerySession session, string egFiness, DateTimeOffset at, CancellationToken cancellation)
    {
        var eg = await OfStreamAsync(session, EstablishmentIds.EG(egFiness), long.MaxValue, cancellation);
        var streams = StreamsOf(egFiness, eg);
        var stamped = session.Events.QueryAllRawEvents().Where(e => e.StreamKey.IsOneOf(streams) && e.Timestamp <= at);
        return await stamped.AnyAsync(cancellation) ? await stamped.MaxAsync(e => e.Sequence, cancellation) : null;
    }

    /// <summary>The streams an EG's description is replayed from: its own, its EJs', its lieux' capacity streams.</summary>
    private static string[] StreamsOf(string egFiness, IEnumerable<IEvent> egEvents)
    {
        var streams = new HashSet<string>(StringComparer.Ordinal) { EstablishmentIds.EG(egFiness) };
        EG? state = null;
        foreach (var e in egEvents)
        {
            state = EG.Evolve(state, e.Data);
            if (state is null) continue;
            streams.Add(EstablishmentIds.EJ(state.Data.EJFiness));
            foreach (var fiche in state.Fiches.Values)
                if (fiche.Lieu is not null) streams.Add(CapacityStreams.Of(egFiness, fiche.Id));
        }
        return [.. streams];
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
