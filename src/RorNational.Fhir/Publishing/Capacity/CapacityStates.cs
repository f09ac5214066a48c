using JasperFx.Events;
using Marten;
using RorNational.Domain.Capacity;

namespace RorNational.Fhir.Publishing.Capacity;

/// <summary>
/// The capacity states (<see cref="PublishedCapacity"/>) one projection batch needs: those of
/// the capacity streams it holds, folded with their events, and those of the lieux of the EGs
/// it renders. Loaded in one query; those the batch changed are stored back.
/// </summary>
public sealed class CapacityStates
{
    private readonly Dictionary<string, PublishedCapacity> _states;
    private readonly HashSet<string> _changed = [];

    private CapacityStates(Dictionary<string, PublishedCapacity> states) => _states = states;

    /// <param name="streams">The capacity streams of the batch, with their events in order.</param>
    /// <param name="rendered">The capacity streams of the lieux the batch renders through their EG.</param>
    public static async Task<CapacityStates> LoadAsync(
        IDocumentOperations operations, IReadOnlyList<IGrouping<string, IEvent>> streams, IEnumerable<string> rendered, CancellationToken cancellation)
    {
        var ids = streams.Select(s => s.Key).Concat(rendered).Distinct().ToArray();
        var states = ids.Length == 0
            ? []
            : (await operations.LoadManyAsync<PublishedCapacity>(cancellation, ids)).ToDictionary(s => s.Id);
        var loaded = new CapacityStates(states);
        foreach (var stream in streams)
        {
            var state = loaded.Of(stream.Key);
            foreach (var e in stream) state.Apply(e.Data);
            loaded._changed.Add(stream.Key);
        }
        return loaded;
    }

    /// <summary>The state of a capacity stream: empty when the lieu never had capacity.</summary>
    public PublishedCapacity Of(string stream)
    {
        if (!_states.TryGetValue(stream, out var state)) _states[stream] = state = new PublishedCapacity { Id = stream };
        return state;
    }

    public IReadOnlyList<CapacityIndicator> IndicatorsOf(string egFiness, string lieuId) =>
        _states.TryGetValue(CapacityStreams.Of(egFiness, lieuId), out var state) ? state.Indicators : [];

    public void StoreChanged(IDocumentOperations operations)
    {
        foreach (var stream in _changed) operations.Store(_states[stream]);
    }
}
