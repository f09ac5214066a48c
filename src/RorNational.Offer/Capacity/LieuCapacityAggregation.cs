using JasperFx.Events;
using Marten.Events.Aggregation;
using RorNational.Domain.Capacity;

namespace RorNational.Offer.Capacity;

/// <summary>
/// A lieu's capacity as the write side needs it: folded live from its capacity stream with the
/// domain's own <see cref="LieuCapacity.Evolve"/> when a change fetches the stream for writing.
/// </summary>
public sealed class LieuCapacityAggregation : SingleStreamProjection<LieuCapacity, string>
{
    public override LieuCapacity? Evolve(LieuCapacity? snapshot, string id, IEvent e) => LieuCapacity.Evolve(snapshot, id, e.Data);
}
