using System.Diagnostics;
using Npgsql;

namespace RorNational.Host.Rebuilding;

/// <summary>
/// The tables a rebuild rewrote, tidied once it has committed. Every row the publication held
/// before is dead then: the tables are about twice their size, each index holds every key twice,
/// and the planner's statistics still describe them as they were. Autovacuum gets there in its own
/// time, throttled (minutes to hours for a national publication); meanwhile searches walk the dead
/// entries and may be planned on the old statistics (measured right after a rebuild: the
/// hand-written capacity-by-région query ran about ten times slower, docs/benchmarks.md).
/// <c>VACUUM (ANALYZE)</c> of the rewritten tables does it at once, unthrottled; it blocks neither
/// reads nor writes.
/// </summary>
public static class RebuiltTables
{
    public static async Task<TimeSpan> VacuumAsync(NpgsqlConnection connection, IReadOnlyList<string> tables, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        if (tables.Count == 0) return clock.Elapsed;
        // Outside any transaction (VACUUM refuses one), as long as it takes.
        await using var command = new NpgsqlCommand($"vacuum (analyze) {string.Join(", ", tables)}", connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellation);
        return clock.Elapsed;
    }
}
