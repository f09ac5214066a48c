using System.Text;
using Marten;

namespace RorNational.Offer.History;

/// <summary>
/// A page of an establishment's timeline: its <see cref="TimelineTable"/> rows after the filter's
/// sequence, of its kinds and period, in sequence order, then those events read from the event log.
/// Only up to the async daemon's high-water mark, below which no transaction still in flight can
/// commit an event: a page's next link never skips an event that commits after the page was read.
/// </summary>
public static class TimelinePage
{
    /// <summary>Up to <paramref name="limit"/> entries, in sequence order.</summary>
    public static async Task<IReadOnlyList<TimelineEntry>> ReadAsync(
        IQuerySession session, string establishment, TimelineFilter filter, int limit, CancellationToken cancellation)
    {
        var options = session.DocumentStore.Options;
        var sql = new StringBuilder($"select sequence from {TimelineTable.QualifiedName(options.DatabaseSchemaName)} where establishment = ? and sequence > ? " +
            $"and sequence <= (select coalesce(max(last_seq_id), 0) from {options.Events.DatabaseSchemaName}.mt_event_progression where name = 'HighWaterMark')");
        var arguments = new List<object> { establishment, filter.After };
        if (filter.From is { } from) { sql.Append(" and recorded >= ?"); arguments.Add(from); }
        if (filter.To is { } to) { sql.Append(" and recorded < ?"); arguments.Add(to); }
        if (filter.Kinds is { } kinds) { sql.Append(" and kind = any(?)"); arguments.Add(kinds); }
        sql.Append(" order by sequence limit ?");
        arguments.Add(limit);
        var sequences = (await session.QueryAsync<long>(sql.ToString(), cancellation, [.. arguments])).ToArray();
        if (sequences.Length == 0) return [];
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence.IsOneOf(sequences))
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellation);
        return [.. events.Select(e => TimelineEntry.Of(e, establishment))];
    }
}
