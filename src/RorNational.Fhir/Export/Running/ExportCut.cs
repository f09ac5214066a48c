using Marten;
using Npgsql;

namespace RorNational.Fhir.Export.Running;

/// <summary>
/// Where an export cuts the event sequence. <see cref="EventSequence"/>: the last event its
/// snapshot sees, taken only when no event below it is still being written (no hole since the
/// async daemon's high-water mark), so that the files hold every event up to it and none after.
/// <see cref="TransactionTime"/>: the instant before the snapshot and before the start of every
/// transaction then in flight that may write, so that a write missing from the files always has a lastUpdated
/// at or after it, and a next export with <c>_since</c> = this instant misses nothing.
/// </summary>
public sealed record ExportCut(DateTimeOffset TransactionTime, long EventSequence)
{
    /// <summary>What an export's snapshot transaction calls itself in pg_stat_activity, so that other exports know it writes nothing.</summary>
    public const string SnapshotApplicationName = "rornational-export-snapshot";

    /// <summary>Read on another connection just before the snapshot is taken.</summary>
    public static async Task<DateTimeOffset> TransactionTimeAsync(IDocumentStore store, CancellationToken cancellation)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(
            "select least(clock_timestamp(), coalesce((select min(xact_start) from pg_stat_activity " +
            "where datname = current_database() and pid <> pg_backend_pid() and xact_start is not null " +
            // Not the transactions that only wait (Marten's and Wolverine's lock loops), nor other exports' snapshots: they write nothing.
            $"and (backend_xid is not null or (wait_event is distinct from 'PgSleep' and application_name is distinct from '{SnapshotApplicationName}'))), clock_timestamp()))", connection);
        var instant = (DateTime)(await command.ExecuteScalarAsync(cancellation))!;
        var utc = new DateTimeOffset(DateTime.SpecifyKind(instant, DateTimeKind.Utc));
        // To the millisecond below, as lastUpdated is stored.
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMillisecond));
    }

    /// <summary>
    /// The last event the snapshot of <paramref name="transaction"/> sees, or null while an event
    /// below it is still being written (a hole after the high-water mark): take another snapshot.
    /// </summary>
    public static async Task<long?> SequenceOfSnapshotAsync(string eventSchema, NpgsqlTransaction transaction, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            $"with top as (select coalesce(max(seq_id), 0) as s from {eventSchema}.mt_events), " +
            $"mark as (select coalesce((select last_seq_id from {eventSchema}.mt_event_progression where name = 'HighWaterMark'), 0) as h) " +
            $"select top.s, (select count(*) from {eventSchema}.mt_events e where e.seq_id > least(mark.h, top.s) and e.seq_id <= top.s) = top.s - least(mark.h, top.s) " +
            "from top, mark", transaction.Connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        return reader.GetBoolean(1) ? reader.GetInt64(0) : null;
    }
}
