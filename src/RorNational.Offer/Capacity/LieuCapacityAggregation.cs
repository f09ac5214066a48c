using JasperFx.Events;
using Marten.Events.Aggregation;
using RorNational.Domain.Capacity;

namespace RorNational.Offer.Capacity;

/// <summary>
/// A lieu's capacity as the write side needs it, folded with the domain's own
/// <see cref="LieuCapacity.Evolve"/> and stored inline with each change: a change fetching the
/// stream for writing loads this snapshot, not the stream's history. Marten runs it over every
/// stream: only a capacity stream has one (an EG's or an import's stream stores none).
/// </summary>
public sealed class LieuCapacityAggregation : SingleStreamProjection<LieuCapacity, string>
{
    public override LieuCapacity? Evolve(LieuCapacity? snapshot, string id, IEvent e) =>
        CapacityStreams.IsCapacityStream(id) ? LieuCapacity.Evolve(snapshot, id, e.Data) : null;
}
