using JasperFx.Events;
using Marten;
using RorNational.Domain.Capacity;
using RorNational.Fhir.Publishing.Capacity;

namespace RorNational.Fhir.Availability.Figures;

/// <summary>
/// Writes the figures of the lieux whose indicators a batch changed (<see cref="AvailabilityFiguresTable"/>):
/// called by the publication with the capacity states it folded, in the events' transaction, all
/// the batch's lieux in one statement. An outdated change, which changes no indicator, neither
/// writes a row nor counts in the latest source date.
/// </summary>
public static class AvailabilityFigureRows
{
    /// <param name="streams">The capacity streams of the batch, with their events in order.</param>
    /// <param name="states">Their states after the batch.</param>
    public static void Upsert(IDocumentOperations operations, IEnumerable<IGrouping<string, IEvent>> streams, CapacityStates states)
    {
        var rows = streams
            .Where(stream => stream.Any(e => e.Data is CapacityIndicatorAdded or CapacityIndicatorReplaced or CapacityIndicatorDeleted))
            // In key order: two transactions writing the same lieux lock their rows in the same order.
            .OrderBy(stream => stream.Key, StringComparer.Ordinal)
            .Select(stream => (Id: stream.Key, Figures: FigureSums.Of(states.Of(stream.Key)), LastSource: LatestSourceDate(stream)))
            .ToList();
        if (rows.Count == 0) return;
        operations.QueueSqlCommand(AvailabilityFiguresTable.Upsert(operations.DocumentStore.Options.DatabaseSchemaName),
            rows.Select(r => r.Id).ToArray(),
            rows.Select(r => r.Figures.Available).ToArray(),
            rows.Select(r => r.Figures.Installed).ToArray(),
            rows.Select(r => r.Figures.Closed).ToArray(),
            rows.Select(r => r.Figures.ClosedReactivable).ToArray(),
            rows.Select(r => r.Figures.Supplementary).ToArray(),
            rows.Select(r => r.Figures.Forecast24h).ToArray(),
            rows.Select(r => r.LastSource).ToArray());
    }

    /// <summary>The latest capacityUpdateDate the stream's events of the batch supplied; null when they supplied none (deletions only).</summary>
    private static DateTimeOffset? LatestSourceDate(IEnumerable<IEvent> events)
    {
        DateTimeOffset? latest = null;
        foreach (var e in events)
        {
            var supplied = e.Data switch
            {
                CapacityIndicatorAdded added => added.Indicator.SourceDate,
                CapacityIndicatorReplaced replaced => replaced.Indicator.SourceDate,
                _ => (DateTimeOffset?)null,
            };
            if (supplied is { } date && (latest is null || date > latest)) latest = date.ToUniversalTime();
        }
        return latest;
    }
}
