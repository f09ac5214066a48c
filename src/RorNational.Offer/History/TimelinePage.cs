using System.Text;
using Marten;
using RorNational.Domain.Common;
using RorNational.Fhir.Storage;

namespace RorNational.Offer.History;

/// <summary>
/// A page of an establishment's timeline: its <see cref="TimelineTable"/> rows after the filter's
/// sequence, of its kinds and period, in sequence order, then those events read from the event log.
/// Only up to the async daemon's high-water mark: the daemon moves it past a sequence only once
/// every transaction below has committed, or after <c>Projections:StaleSequenceThreshold</c> (15 s)
/// of waiting for one that has not. So a page's next link never skips an event that commits late,
/// unless its transaction took longer than that (the asynchronous projections miss it as well).
/// </summary>
public static class TimelinePage
{
    /// <summary>Up to <paramref name="limit"/> entries, in sequence order.</summary>
    public static async Task<IReadOnlyList<TimelineEntry>> ReadAsync(
        IQuerySession session, string establishment, TimelineFilter filter, int limit, CancellationToken cancellation)
    {
        var options = session.DocumentStore.Options;
        var sql = new StringBuilder($"select sequence from {TimelineTable.QualifiedName(options.DatabaseSchemaName)} where establishment = ? and sequence > ? " +
            $"and sequence <= {HighWaterMark.Sql(options.Events.DatabaseSchemaName)}");
        var arguments = new List<object> { establishment, filter.After };
        if (filter.From is { } from) { sql.Append(" and recorded >= ?"); arguments.Add(from.ToUniversalTime()); }
        if (filter.To is { } to) { sql.Append(" and recorded < ?"); arguments.Add(to.ToUniversalTime()); }
        if (filter.Kinds is { } kinds) { sql.Append(" and kind = any(?)"); arguments.Add(kinds); }
        sql.Append(" order by sequence limit ?");
        arguments.Add(limit);
        var sequences = (await session.QueryAsync<long>(sql.ToString(), cancellation, [.. arguments])).ToArray();
        if (sequences.Length == 0) return [];
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence.IsOneOf(sequences))
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellation);
        // Only the establishment's own events, should the index and the log ever disagree.
        return [.. events.Where(e => e.Data is IDomainEvent && e.StreamKey is { } stream && EstablishmentTimelineIndex.EstablishmentOf(stream) == establishment)
            .Select(e => TimelineEntry.Of(e, establishment))];
    }
}
