using JasperFx.Events;
using RorNational.Domain.Capacity;

namespace RorNational.Fhir.Publishing.Capacity;

/// <summary>
/// The indicators a capacity stream's events of a batch set or removed, by key
/// (<see cref="LieuCapacity.KeyChangedBy"/>): every other indicator of the lieu is published as it
/// was, and so are its capacity index rows. An outdated change touches none.
/// </summary>
public static class TouchedKeys
{
    public static IReadOnlySet<CapacityKey> Of(IEnumerable<IEvent> events) =>
        events.Select(e => LieuCapacity.KeyChangedBy(e.Data)).OfType<CapacityKey>().ToHashSet();
}
