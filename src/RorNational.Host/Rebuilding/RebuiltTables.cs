using System.Diagnostics;
using Npgsql;

namespace RorNational.Host.Rebuilding;

/// <summary>
/// The tables a rebuild rewrote, tidied once it has committed. Every row the publication held
/// before is dead then: the tables are about twice their size, each index holds every key twice,
/// no page is marked all-visible (so the searches' index-only scans visit the heap for every
/// entry), and the planner's statistics still describe the tables as they were. Autovacuum gets
/// there in its own time, throttled (minutes to hours for a national publication). <c>VACUUM
/// (ANALYZE)</c> of the rewritten tables does it at once, unthrottled, and blocks neither reads nor
/// writes (measured: README, "Rebuilding the publication from the events").
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
