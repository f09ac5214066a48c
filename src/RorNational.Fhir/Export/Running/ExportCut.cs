using Marten;
using Npgsql;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Export.Running;

/// <summary>
/// Where an export cuts the event sequence. <see cref="EventSequence"/>: the last event its
/// snapshot sees, taken only when no event below it is still being written (no hole since the
/// async daemon's high-water mark), so that the files hold every event up to it and none after.
/// <see cref="TransactionTime"/>: the instant before the snapshot and before the start of every
/// transaction then in flight that has written, or began in the last <see cref="RecentSeconds"/> s and
/// holds no advisory lock (the daemons' lock loops), so that a write missing from the files always has a lastUpdated
/// at or after it, and a next export with <c>_since</c> = this instant misses nothing.
/// </summary>
public sealed record ExportCut(DateTimeOffset TransactionTime, long EventSequence)
{
    /// <summary>What an export's snapshot transaction calls itself in pg_stat_activity (for an operator's eyes).</summary>
    public const string SnapshotApplicationName = "rornational-export-snapshot";

    /// <summary>A transaction begun this recently counts as a writer even before it has written.</summary>
    public const int RecentSeconds = 10;

    /// <summary>Read on another connection just before the snapshot is taken.</summary>
    public static async Task<DateTimeOffset> TransactionTimeAsync(IDocumentStore store, CancellationToken cancellation)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(
            "select least(clock_timestamp(), coalesce((select min(a.xact_start) from pg_stat_activity a " +
            "where a.datname = current_database() and a.pid <> pg_backend_pid() and a.xact_start is not null " +
            // Writers: those that have written (an xid), and any begun lately that may be about to (an append reads
            // before it writes), but not the lock loops of Marten's daemon and Wolverine's agents (they hold
            // advisory locks and write nothing): they would hold the instant back for ever.
            $"and (a.backend_xid is not null or (a.xact_start > clock_timestamp() - interval '{RecentSeconds} seconds' " +
            "and not exists (select 1 from pg_locks l where l.pid = a.pid and l.locktype = 'advisory')))), clock_timestamp()))", connection);
        var instant = (DateTime)(await command.ExecuteScalarAsync(cancellation))!;
        var utc = new DateTimeOffset(DateTime.SpecifyKind(instant, DateTimeKind.Utc));
        // To the millisecond below, as lastUpdated is stored.
        return Ror.RorDatatypes.Instant(utc);
    }

    /// <summary>
    /// The last event the snapshot of <paramref name="transaction"/> sees, or null while an event
    /// below it is still being written (a hole after the high-water mark): take another snapshot.
    /// </summary>
    public static async Task<long?> SequenceOfSnapshotAsync(string eventSchema, NpgsqlTransaction transaction, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            $"with top as (select coalesce(max(seq_id), 0) as s from {eventSchema}.mt_events), " +
            $"mark as (select {HighWaterMark.Sql(eventSchema)} as h) " +
            $"select top.s, (select count(*) from {eventSchema}.mt_events e where e.seq_id > least(mark.h, top.s) and e.seq_id <= top.s) = top.s - least(mark.h, top.s) " +
            "from top, mark", transaction.Connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        return reader.GetBoolean(1) ? reader.GetInt64(0) : null;
    }
}
