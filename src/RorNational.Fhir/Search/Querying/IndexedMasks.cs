using System.Diagnostics;
using Npgsql;

namespace RorNational.Fhir.Search.Querying;

/// <summary>
/// The class masks ("requires") most common in the search index, as PostgreSQL's own
/// statistics know them (pg_stats, kept by ANALYZE and autovacuum), read again at most every
/// five minutes. Why a search needs them: PostgreSQL cannot estimate a bit test such as
/// "requires &amp; 48 = 0" and guesses 0.5 % of the rows; at national scale, where nearly every
/// row carries a setting class (outside medico-social, outside ville) and a capacity row the
/// capacity classes, that guess made it probe 300,000 rows one by one (4.8 s) where hashing
/// them takes 0.9 s. Naming the visible common masks as values ("requires in (2312, 3336)
/// or the bit test") lets it read their frequencies; the bit test still decides every row, so
/// the result is the same whatever the statistics say (<see cref="CriterionSql.Visible"/>).
/// </summary>
public sealed class IndexedMasks
{
    private static readonly TimeSpan ReadAgainAfter = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _reading = new(1, 1);
    private volatile Known _known = new([], long.MinValue);

    private sealed record Known(IReadOnlyList<int> Masks, long ReadAt);

    /// <summary>The masks last read (none before the first read, or before PostgreSQL has analyzed the index).</summary>
    public IReadOnlyList<int> Last => _known.Masks;

    /// <summary>Reads the masks again, on this connection, when they are older than five minutes: one caller reads, the others go on with <see cref="Last"/>.</summary>
    public async Task ReadIfStaleAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, CancellationToken cancellation)
    {
        var known = _known;
        if (known.ReadAt != long.MinValue && Stopwatch.GetElapsedTime(known.ReadAt) < ReadAgainAfter) return;
        if (!await _reading.WaitAsync(0, cancellation)) return;
        try
        {
            await using var command = new NpgsqlCommand(
                "select distinct unnest(most_common_vals::text::int[]) from pg_stats " +
                "where schemaname = @schema and tablename like 'fhir\\_search\\_%' and attname = 'requires' order by 1", connection, transaction);
            command.Parameters.AddWithValue("schema", schema);
            var masks = new List<int>();
            await using (var reader = await command.ExecuteReaderAsync(cancellation))
                while (await reader.ReadAsync(cancellation)) masks.Add(reader.GetInt32(0));
            _known = new Known(masks, Stopwatch.GetTimestamp());
        }
        finally
        {
            _reading.Release();
        }
    }
}
