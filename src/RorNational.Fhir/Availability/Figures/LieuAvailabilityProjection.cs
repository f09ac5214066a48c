using JasperFx.Events;
using Marten.Events.Aggregation;
using RorNational.Domain.Capacity;

namespace RorNational.Fhir.Availability.Figures;

/// <summary>
/// Asynchronous projection of the capacity streams into one <see cref="LieuAvailability"/> per
/// lieu, run by Marten's async daemon (rebuildable with `projections rebuild`): only the events
/// that change indicators reach it, never the establishments' streams.
/// </summary>
public sealed class LieuAvailabilityProjection : SingleStreamProjection<LieuAvailability, string>
{
    public LieuAvailabilityProjection()
    {
        IncludeType<CapacityIndicatorAdded>();
        IncludeType<CapacityIndicatorReplaced>();
        IncludeType<CapacityIndicatorDeleted>();
    }

    public override LieuAvailability? Evolve(LieuAvailability? snapshot, string id, IEvent e)
    {
        if (!CapacityStreams.IsCapacityStream(id)) return snapshot;
        var current = snapshot ?? new LieuAvailability { Id = id };
        var capacity = LieuCapacity.Evolve(new LieuCapacity(id) { Indicators = current.Indicators }, id, e.Data);
        current.Indicators = capacity.Indicators;
        current.Set(FigureSums.Of(capacity.Indicators));
        if (e.Data is CapacityIndicatorAdded { Indicator: var added }) current.LastSourceDate = Latest(current.LastSourceDate, added.SourceDate);
        if (e.Data is CapacityIndicatorReplaced { Indicator: var replaced }) current.LastSourceDate = Latest(current.LastSourceDate, replaced.SourceDate);
        return current;
    }

    private static DateTimeOffset Latest(DateTimeOffset? before, DateTimeOffset sourceDate) =>
        before is { } known && known > sourceDate ? known : sourceDate;
}
