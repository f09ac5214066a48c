using JasperFx.Events;
using RorNational.Domain.Capacity;
using RorNational.Domain.Establishments;

namespace RorNational.Fhir.Rebuilding;

/// <summary>
/// Cuts the event log, read in sequence order, into the batches a replay runs, such that
/// every stream renders at the same points as when its events were appended. The publication
/// projection renders a stream once per batch, after the batch's last event of it, and its
/// output depends on those points (a version per change of content, lastUpdated from the
/// last event, which lieux are sensitive). When the events were appended, a batch was one
/// transaction; Marten gives all the events one transaction appends to one stream the same
/// timestamp, and no two transactions of one stream share a timestamp. So a batch here holds,
/// for each stream in it, exactly one run of events with equal timestamps, whole: a run is
/// never split, and a stream's next run waits for the next batch.
/// A lieu's capacity stream renders the lieu's Location as its EG's stream does, so a run is
/// that of the EG and its capacity streams together (<see cref="RenderedWith"/>): a capacity
/// change appended after a description change of its EG waits for the next batch, and the
/// Location gets the two versions it got when they were appended.
/// Used by the description of one establishment as of an instant (<see cref="Description.DescriptionReplay"/>)
/// and, packed (<see cref="PackedBatches"/>), by the rebuild of the whole publication.
/// </summary>
public static class TransactionBatches
{
    public static async IAsyncEnumerable<IReadOnlyList<IEvent>> Of(IAsyncEnumerable<IEvent> events, int maxEvents)
    {
        var cutter = new Cutter(maxEvents);
        await foreach (var e in events)
            if (cutter.Add(e) is { } batch) yield return batch;
        if (cutter.Rest() is { } rest) yield return rest;
    }

    public static IEnumerable<IReadOnlyList<IEvent>> Of(IEnumerable<IEvent> events, int maxEvents)
    {
        var cutter = new Cutter(maxEvents);
        foreach (var e in events)
            if (cutter.Add(e) is { } batch) yield return batch;
        if (cutter.Rest() is { } rest) yield return rest;
    }

    public static string StreamOf(IEvent e) => e.StreamKey ?? e.StreamId.ToString();

    /// <summary>The stream whose rendering an event changes: its own, or for a capacity stream its EG's.</summary>
    public static string RenderedWith(IEvent e) =>
        StreamOf(e) is var stream && CapacityStreams.FinessOf(stream) is { } finess ? EstablishmentIds.EG(finess) : StreamOf(e);

    /// <summary>The rule, event by event: a batch ends before an event that would start a second run of a stream in it.</summary>
    private sealed class Cutter(int maxEvents)
    {
        private List<IEvent> _batch = [];
        private readonly Dictionary<string, DateTimeOffset> _runs = [];

        /// <summary>Adds the event; returns the batch it closed, if any.</summary>
        public IReadOnlyList<IEvent>? Add(IEvent e)
        {
            List<IEvent>? closed = null;
            var stream = RenderedWith(e);
            var continuesARun = _runs.TryGetValue(stream, out var timestamp) && timestamp == e.Timestamp;
            var startsAnotherRunOfAStreamInTheBatch = _runs.ContainsKey(stream) && !continuesARun;
            if (startsAnotherRunOfAStreamInTheBatch || (!continuesARun && _batch.Count >= maxEvents))
            {
                closed = _batch;
                _batch = [];
                _runs.Clear();
            }
            _batch.Add(e);
            _runs[stream] = e.Timestamp;
            return closed;
        }

        public IReadOnlyList<IEvent>? Rest() => _batch.Count > 0 ? _batch : null;
    }
}
