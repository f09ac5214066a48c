using JasperFx.Events;
using RorNational.Domain.Capacity;

namespace RorNational.Fhir.Publishing.Capacity;

/// <summary>
/// The indicators a capacity stream's events of a batch set or removed, by key: every other
/// indicator of the lieu is published as it was, and so are its capacity index rows. An outdated
/// change touches none.
/// </summary>
public static class TouchedKeys
{
    public static IReadOnlySet<CapacityKey> Of(IEnumerable<IEvent> events)
    {
        var keys = new HashSet<CapacityKey>();
        foreach (var e in events)
        {
            if (e.Data switch
                {
                    CapacityIndicatorAdded added => added.Indicator.Key,
                    CapacityIndicatorReplaced replaced => replaced.Indicator.Key,
                    CapacityIndicatorDeleted deleted => deleted.Key,
                    _ => null,
                } is { } key)
                keys.Add(key);
        }
        return keys;
    }
}
