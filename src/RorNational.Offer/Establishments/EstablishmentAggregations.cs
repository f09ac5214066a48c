using JasperFx.Events;
using Marten.Events.Aggregation;
using RorNational.Domain.Establishments;

namespace RorNational.Offer.Establishments;

// Live aggregations for the command side: Marten folds a stream with the domain's own
// pure Evolve functions (the domain project stays free of Marten).

public sealed class EJAggregation : SingleStreamProjection<EJ, string>
{
    public override EJ? Evolve(EJ? snapshot, string id, IEvent e) => EJ.Evolve(snapshot, e.Data);
}

public sealed class EGAggregation : SingleStreamProjection<EG, string>
{
    public override EG? Evolve(EG? snapshot, string id, IEvent e) => EG.Evolve(snapshot, e.Data);
}
