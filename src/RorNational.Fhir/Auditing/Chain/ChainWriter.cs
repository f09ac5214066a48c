using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace RorNational.Fhir.Auditing.Chain;

/// <summary>
/// Appends records to the audit chain by group commit, one writer per node: a request hands its
/// record over and awaits the commit that holds it. Whoever finds no flush running flushes every
/// record then waiting (up to <see cref="AuditOptions.MaxBatch"/>), in one transaction: it takes
/// the chain's advisory lock (so nodes append one after the other), reads the last link, and
/// inserts the batch, hashed in order, in one statement. Records arriving meanwhile wait for the
/// next flush, so the batch grows with the load and a lone request waits for its own commit only.
/// Nothing is held in memory past its request: a killed process loses no answered read's record.
/// </summary>
public sealed class ChainWriter(IDocumentStore store, IOptions<AuditOptions> options)
{
    /// <summary>The advisory lock of the chain (pg_advisory_xact_lock): "RORAUDIT" in ASCII.</summary>
    public const long ChainLock = 0x524F_5241_5544_4954;

    private const int Columns = 12;

    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly Lock _lock = new();
    private readonly List<Pending> _waiting = [];

    private string Table => AuditChainTable.QualifiedName(store.Options.DatabaseSchemaName);

    /// <summary>Returns once the record is committed; throws when its flush failed (nothing of that batch is stored).</summary>
    public async Task AppendAsync(ChainedRecord record)
    {
        var mine = new Pending(record);
        lock (_lock) _waiting.Add(mine);
        while (!mine.Committed.Task.IsCompleted)
        {
            await _flushing.WaitAsync();
            try
            {
                if (mine.Committed.Task.IsCompleted) break;
                List<Pending> batch;
                lock (_lock)
                {
                    batch = _waiting.Take(Math.Max(1, options.Value.MaxBatch)).ToList();
                    _waiting.RemoveRange(0, batch.Count);
                }
                await FlushAsync(batch);
            }
            finally
            {
                _flushing.Release();
            }
        }
        await mine.Committed.Task;
    }

    private async Task FlushAsync(List<Pending> batch)
    {
        try
        {
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync();
            try
            {
                var (position, hash) = await LastLinkAsync(connection);
                await using var insert = new NpgsqlBatch(connection);
                insert.BatchCommands.Add(Insert(batch, position, hash));
                insert.BatchCommands.Add(new NpgsqlBatchCommand("commit"));
                await insert.ExecuteNonQueryAsync();
            }
            catch
            {
                if (connection.FullState == System.Data.ConnectionState.Open)
                    await new NpgsqlCommand("rollback", connection).ExecuteNonQueryAsync();
                throw;
            }
            foreach (var pending in batch) pending.Committed.TrySetResult();
        }
        catch (Exception e)
        {
            foreach (var pending in batch) pending.Committed.TrySetException(e);
        }
    }

    /// <summary>Begins the transaction, takes the chain's lock, reads the last link: one round trip.</summary>
    private async Task<(long Position, byte[] Hash)> LastLinkAsync(NpgsqlConnection connection)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("begin"),
                // Without waiting for the WAL on disk (Audit:SynchronousCommit false): the commit
                // is seen by every session at once and survives this process; a crash of
                // PostgreSQL itself may lose the last few hundred milliseconds of records.
                new NpgsqlBatchCommand(options.Value.SynchronousCommit ? "set local synchronous_commit to on" : "set local synchronous_commit to off"),
                new NpgsqlBatchCommand("select pg_advisory_xact_lock($1)") { Parameters = { new NpgsqlParameter { Value = ChainLock } } },
                new NpgsqlBatchCommand($"select position, hash from {Table} order by position desc limit 1"),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync();
        // The last link is read after the lock is held (its own statement, its own snapshot);
        // statements without rows (begin) give no result set.
        while (reader.FieldCount != 2 || reader.GetName(0) != "position")
            if (!await reader.NextResultAsync()) throw new InvalidOperationException("the audit chain's last link was not read");
        return await reader.ReadAsync() ? (reader.GetInt64(0), (byte[])reader[1]) : (0, ChainHash.Genesis);
    }

    private NpgsqlBatchCommand Insert(List<Pending> batch, long lastPosition, byte[] lastHash)
    {
        var command = new NpgsqlBatchCommand();
        var rows = new List<string>(batch.Count);
        var previous = lastHash;
        foreach (var (record, index) in batch.Select((p, i) => (p.Record, i)))
        {
            var position = lastPosition + index + 1;
            var hash = ChainHash.Of(previous, position, record);
            var first = index * Columns;
            rows.Add("(" + string.Join(", ", Enumerable.Range(first + 1, Columns).Select(n => "$" + n)) + ")");
            var parameters = command.Parameters;
            parameters.Add(new NpgsqlParameter { Value = position, NpgsqlDbType = NpgsqlDbType.Bigint });
            parameters.Add(new NpgsqlParameter { Value = record.Kind, NpgsqlDbType = NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter { Value = record.Id, NpgsqlDbType = NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter { Value = record.Recorded, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            parameters.Add(new NpgsqlParameter { Value = record.Agent, NpgsqlDbType = NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter { Value = record.Type, NpgsqlDbType = NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter { Value = record.Subtype, NpgsqlDbType = NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter { Value = record.Entities.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter { Value = record.EntityTypes.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter { Value = record.Content, NpgsqlDbType = NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter { Value = previous, NpgsqlDbType = NpgsqlDbType.Bytea });
            parameters.Add(new NpgsqlParameter { Value = hash, NpgsqlDbType = NpgsqlDbType.Bytea });
            previous = hash;
        }
        command.CommandText = $"insert into {Table} (position, kind, id, recorded, agent, type, subtype, entities, entity_types, content, previous_hash, hash) values "
            + string.Join(", ", rows);
        return command;
    }

    private sealed class Pending(ChainedRecord record)
    {
        public ChainedRecord Record { get; } = record;
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
