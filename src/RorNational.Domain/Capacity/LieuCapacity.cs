using System.Collections.Immutable;

namespace RorNational.Domain.Capacity;

/// <summary>
/// The capacity of one lieu as its stream tells it: its current indicators, at most one per
/// key, in the order of their keys (as they are published). An outdated change is recorded
/// on the stream but changes nothing here. A list, not a dictionary: it is stored as JSON,
/// whose keys are strings, and a lieu has a handful of indicators.
/// </summary>
public sealed record LieuCapacity(string Id)
{
    public ImmutableList<CapacityIndicator> Indicators { get; init; } = [];

    public CapacityIndicator? Find(CapacityKey key) => Indicators.Find(i => i.Key == key);

    public static LieuCapacity Evolve(LieuCapacity? state, string streamKey, object @event)
    {
        var current = state ?? new LieuCapacity(streamKey);
        return @event switch
        {
            CapacityIndicatorAdded e => current.With(e.Indicator),
            CapacityIndicatorReplaced e => current.With(e.Indicator),
            CapacityIndicatorDeleted e => current with { Indicators = current.Indicators.RemoveAll(i => i.Key == e.Key) },
            _ => current,
        };
    }

    /// <summary>
    /// The key of the indicator an event sets or removes (<see cref="Evolve"/>), null for an event
    /// that changes no indicator: what a capacity change touches, for those who rewrite only that.
    /// </summary>
    public static CapacityKey? KeyChangedBy(object @event) => @event switch
    {
        CapacityIndicatorAdded e => e.Indicator.Key,
        CapacityIndicatorReplaced e => e.Indicator.Key,
        CapacityIndicatorDeleted e => e.Key,
        _ => null,
    };

    private LieuCapacity With(CapacityIndicator indicator)
    {
        var others = Indicators.RemoveAll(i => i.Key == indicator.Key);
        var at = others.FindIndex(i => CapacityKey.Compare(i.Key, indicator.Key) > 0);
        return this with { Indicators = at < 0 ? others.Add(indicator) : others.Insert(at, indicator) };
    }
}
