using System.Runtime.CompilerServices;
using JasperFx.Events;
using Marten;
using RorNational.Domain.Establishments;
using RorNational.Fhir.Publishing;

namespace RorNational.Fhir.Description;

/// <summary>
/// The events a description replays, read from Marten's event log (mt_events) in one snapshot
/// (<see cref="StreamEventRows"/>), by their streams' keys (Marten's index on the stream id), never
/// by a prefix: the EG's stream, read once, tells the other streams (its EJs', its lieux' capacity
/// streams); the cut on the global sequence an instant gives (<see cref="CutAtAsync"/>); and the
/// events of those streams up to that cut, in sequence order.
/// </summary>
public sealed class DescriptionEvents : IAsyncDisposable
{
    private readonly StreamEventRows _rows;
    private readonly string _egFiness;
    private readonly IReadOnlyList<IEvent> _eg;

    private DescriptionEvents(StreamEventRows rows, string egFiness, IReadOnlyList<IEvent> eg) => (_rows, _egFiness, _eg) = (rows, egFiness, eg);

    /// <summary>Opens the snapshot and reads every event of the EG's stream in it, whatever the cut.</summary>
    public static async Task<DescriptionEvents> OfEGAsync(IQuerySession session, string egFiness, CancellationToken cancellation)
    {
        var rows = await StreamEventRows.OpenAsync(session, cancellation);
        try
        {
            return new DescriptionEvents(rows, egFiness, await rows.ReadAsync([EstablishmentIds.EG(egFiness)], long.MaxValue, cancellation));
        }
        catch
        {
            await rows.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The cut for an instant: the highest sequence of the events of the description's streams (the
    /// EG's, the EJs' it was attached to, its lieux' capacity streams) whose timestamp is not after it.
    /// Marten stamps every event a transaction appends with one timestamp, taken when the session
    /// saves, the same instant the projection made the resources' lastUpdated of: so the cut holds
    /// every transaction whose versions say they were published by then, as <c>_at</c> reads
    /// versions, and none stamped later even if it took its sequence earlier. Null before its first event.
    /// </summary>
    public Task<long?> CutAtAsync(DateTimeOffset at, CancellationToken cancellation) =>
        _rows.LastSequenceAtAsync(StreamsOf(_eg), at, cancellation);

    /// <summary>
    /// The events of the EG's stream and of the capacity streams of every lieu it held up to the
    /// cut, up to the cut, merged in sequence order. The capacity streams (10,000 events and more
    /// for a busy establishment) are read and deserialized ahead on another thread
    /// (<see cref="ReadAhead"/>) and given as they come, never all held at once: the replay folds
    /// them meanwhile, and each event is garbage before the collector's first generation ends
    /// (docs/benchmarks.md, "$description streamed").
    /// </summary>
    public async IAsyncEnumerable<IEvent> UpTo(long cut, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var eg = _eg.Where(e => e.Sequence <= cut).ToList();
        var next = 0;
        var capacityStreams = CapacityStreamsEverIn(eg);
        if (capacityStreams.Count > 0)
        {
            await foreach (var e in ReadAhead.Of(stop => _rows.StreamAsync(capacityStreams, cut, stop), CapacityChunk, CapacityChunksAhead, cancellation))
            {
                while (next < eg.Count && eg[next].Sequence < e.Sequence) yield return eg[next++];
                yield return e;
            }
        }
        while (next < eg.Count) yield return eg[next++];
    }

    private const int CapacityChunk = 256;
    private const int CapacityChunksAhead = 8;

    /// <summary>The events of another stream (the EG's EJ) up to the cut, in sequence order, as they are read.</summary>
    public IAsyncEnumerable<IEvent> OfStream(string stream, long cut, CancellationToken cancellation) =>
        _rows.StreamAsync([stream], cut, cancellation);

    public ValueTask DisposeAsync() => _rows.DisposeAsync();

    /// <summary>The streams an EG's description is replayed from: its own, its EJs', its lieux' capacity streams.</summary>
    private string[] StreamsOf(IEnumerable<IEvent> egEvents)
    {
        var (ejs, capacityStreams) = Fold(egEvents);
        return [EstablishmentIds.EG(_egFiness), .. ejs, .. capacityStreams];
    }

    /// <summary>The capacity streams of the lieux an EG's events ever published.</summary>
    private static IReadOnlyCollection<string> CapacityStreamsEverIn(IEnumerable<IEvent> events) => Fold(events).CapacityStreams;

    /// <summary>The EJs an EG's events ever attached it to, and the capacity streams of the lieux they ever published.</summary>
    private static (HashSet<string> EJs, HashSet<string> CapacityStreams) Fold(IEnumerable<IEvent> egEvents)
    {
        var (ejs, capacityStreams) = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        EG? state = null;
        foreach (var e in egEvents)
        {
            state = EG.Evolve(state, e.Data);
            if (state is null) continue;
            ejs.Add(EstablishmentIds.EJ(state.Data.EJFiness));
            capacityStreams.UnionWith(EstablishmentRendering.CapacityStreamsOf(state));
        }
        return (ejs, capacityStreams);
    }
}
