using Npgsql;

namespace RorNational.Host.Rebuilding;

/// <summary>
/// The safety rule of a rebuild: it holds the event table in EXCLUSIVE mode for its whole
/// transaction. Appends (and another rebuild) wait until it commits or rolls back; reads of
/// the events, documents and index go on, and see the previous publication until the commit.
/// A write that is already in flight is waited for, up to the timeout: then the rebuild refuses.
/// </summary>
public static class WriteLock
{
    public static async Task TakeAsync(NpgsqlTransaction transaction, string schema, TimeSpan timeout, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            // lock_timeout 0 would wait forever: the wait is at least 1 ms, at most what PostgreSQL takes.
            $"set local lock_timeout = '{Math.Clamp((long)timeout.TotalMilliseconds, 1, int.MaxValue)}ms'; " +
            $"lock table {schema}.mt_events in exclusive mode; " +
            "set local lock_timeout = 0;",
            transaction.Connection, transaction);
        try
        {
            await command.ExecuteNonQueryAsync(cancellation);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new RebuildRefused(
                $"events are being appended (or another rebuild runs): the event table could not be locked within {timeout.TotalSeconds:0} s. " +
                "Stop the nodes' writes (or wait for the running import) and run the rebuild again.");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            throw new RebuildRefused($"{schema}.mt_events does not exist: apply the schema first (db-apply).");
        }
    }
}

/// <summary>A rebuild that did not start, and why: nothing was changed.</summary>
public sealed class RebuildRefused(string reason) : Exception(reason);
