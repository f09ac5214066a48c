using JasperFx.Events;
using RorNational.Domain.Capacity;
using RorNational.Domain.Establishments;
using RorNational.Fhir.Publishing;
using RorNational.Fhir.Rebuilding;

namespace RorNational.Fhir.Description;

/// <summary>
/// Replays the events of one establishment's streams (its EG, the capacity streams of its
/// lieux, its EJ), read in sequence order up to a cut, batch by batch as they were appended
/// (<see cref="TransactionBatches"/>), through the projection's own folding and rendering
/// (<see cref="EstablishmentRendering"/>), into an in-memory publication
/// (<see cref="ReplayedResources"/>). Each batch does what
/// <see cref="EstablishmentPublicationProjection"/> did with it: the establishment streams
/// folded and rendered with the lieux' capacity as folded so far (the batch's capacity events
/// included), then the capacity changes whose EG the batch did not render, their Location alone.
/// </summary>
public sealed class DescriptionReplay(EstablishmentRendering rendering)
{
    private readonly Dictionary<string, PublicationState> _states = [];
    private readonly Dictionary<string, LieuCapacity> _capacity = [];

    public ReplayedResources Resources { get; } = new();

    /// <summary>The state of a stream after the events replayed so far; null when none of its events was.</summary>
    public PublicationState? StateOf(string stream) => _states.GetValueOrDefault(stream);

    /// <summary>Replays these events, in sequence order, after those already replayed, batch by batch as they come.</summary>
    public async Task ReplayAsync(IAsyncEnumerable<IEvent> events)
    {
        await foreach (var batch in TransactionBatches.Of(events, int.MaxValue)) Apply(batch);
    }

    private void Apply(IReadOnlyList<IEvent> batch)
    {
        var streams = batch.Where(e => e.StreamKey is { } key && EstablishmentIds.IsEstablishmentStream(key)).GroupBy(e => e.StreamKey!).ToList();
        var capacityStreams = batch.Where(e => e.StreamKey is { } key && CapacityStreams.IsCapacityStream(key)).GroupBy(e => e.StreamKey!).ToList();

        var folded = new List<(PublicationState State, DateTimeOffset At)>();
        foreach (var stream in streams)
        {
            var state = _states.GetValueOrDefault(stream.Key) ?? (_states[stream.Key] = new PublicationState { Id = stream.Key });
            EstablishmentRendering.Fold(state, stream);
            folded.Add((state, stream.Last().Timestamp));
        }
        foreach (var stream in capacityStreams)
        {
            var state = _capacity.GetValueOrDefault(stream.Key);
            foreach (var e in stream) state = LieuCapacity.Evolve(state, stream.Key, e.Data);
            if (state is not null) _capacity[stream.Key] = state;
        }

        foreach (var (state, at) in folded) Resources.Publish(state, rendering.Render(state, IndicatorsOf, at), at);

        var renderedEGs = folded.Where(f => f.State.EG is not null).Select(f => f.State.EG!.Data.Finess).ToHashSet();
        foreach (var stream in capacityStreams)
        {
            if (CapacityStreams.FinessOf(stream.Key) is not { } finess || renderedEGs.Contains(finess)) continue;
            if (_states.GetValueOrDefault(EstablishmentIds.EG(finess)) is not { } eg) continue;
            var lieuId = CapacityStreams.UnitOf(stream.Key)![(finess.Length + 1)..];
            Resources.PublishCapacity(eg, lieuId, IndicatorsOf(stream.Key), stream.Last().Timestamp);
        }
    }

    private IReadOnlyList<CapacityIndicator> IndicatorsOf(string stream) =>
        _capacity.TryGetValue(stream, out var state) ? state.Indicators : [];

    private IReadOnlyList<CapacityIndicator> IndicatorsOf(string egFiness, string lieuId) => IndicatorsOf(CapacityStreams.Of(egFiness, lieuId));
}
