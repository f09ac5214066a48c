using JasperFx.Events;
using Marten;
using RorNational.Domain.Capacity;

namespace RorNational.Fhir.Publishing.Capacity;

/// <summary>
/// The capacity states one projection batch needs: those of the capacity streams it holds,
/// folded with their events, and those of the lieux of the EGs it renders. They start from the
/// <see cref="LieuCapacity"/> snapshots the write side's inline aggregation stores (one document
/// per lieu serves both sides), loaded in one query. That aggregation stores the snapshot
/// after this batch itself; whether the load sees it before (the database's) or after (the
/// session's, fetched for writing), folding the batch's events gives the same state: every
/// capacity event sets or removes one indicator by its key, so folding them twice changes nothing.
/// </summary>
public sealed class CapacityStates
{
    private readonly Dictionary<string, LieuCapacity> _states;

    private CapacityStates(Dictionary<string, LieuCapacity> states) => _states = states;

    /// <param name="streams">The capacity streams of the batch, with their events in order.</param>
    /// <param name="rendered">The capacity streams of the lieux the batch renders through their EG.</param>
    public static async Task<CapacityStates> LoadAsync(
        IDocumentOperations operations, IReadOnlyList<IGrouping<string, IEvent>> streams, IEnumerable<string> rendered, CancellationToken cancellation)
    {
        var ids = streams.Select(s => s.Key).Concat(rendered).Distinct().ToArray();
        var states = ids.Length == 0
            ? []
            : (await operations.LoadManyAsync<LieuCapacity>(cancellation, ids)).ToDictionary(s => s.Id);
        foreach (var stream in streams)
        {
            var state = states.GetValueOrDefault(stream.Key);
            foreach (var e in stream) state = LieuCapacity.Evolve(state, stream.Key, e.Data);
            if (state is not null) states[stream.Key] = state;
        }
        return new CapacityStates(states);
    }

    /// <summary>The indicators of a capacity stream, in the order they are published: none when the lieu never had capacity.</summary>
    public IReadOnlyList<CapacityIndicator> Of(string stream) =>
        _states.TryGetValue(stream, out var state) ? state.Indicators : [];

    public IReadOnlyList<CapacityIndicator> IndicatorsOf(string egFiness, string lieuId) => Of(CapacityStreams.Of(egFiness, lieuId));
}
