using JasperFx.Events;
using Marten.Events.Aggregation;
using RorNational.Domain.Practitioners;

namespace RorNational.Offer.Practitioners;

/// <summary>The professionals' snapshots, folded inline by Marten with the domain's own Evolve.</summary>
public sealed class PractitionerAggregation : SingleStreamProjection<RecordedPractitioner, string>
{
    public override RecordedPractitioner? Evolve(RecordedPractitioner? snapshot, string id, IEvent e) => RecordedPractitioner.Evolve(snapshot, e.Data);
}
