using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace RorNational.Fhir.Auditing.Chain;

/// <summary>
/// Appends records to the audit chain by group commit, one writer per node: a request hands its
/// record over and awaits the commit that holds it. Whoever finds no flush running flushes every
/// record then waiting (up to <see cref="AuditOptions.MaxBatch"/>) in one round trip: one call of
/// <see cref="AuditChainAppend"/>, a prepared statement in its own transaction, which takes the
/// chain's advisory lock (so nodes append one after the other), reads the last link and inserts
/// the batch, chaining the hashes in order. Each record's digest is computed here, by the request
/// that hands it over (<see cref="ChainHash.Digest"/>). Records arriving meanwhile wait for the
/// next flush, so the batch grows with the load and a lone request waits for its own commit only.
/// Nothing is held in memory past its request: a killed process loses no answered read's record.
/// </summary>
public sealed class ChainWriter(IDocumentStore store, IOptions<AuditOptions> options)
{
    /// <summary>The advisory lock of the chain (pg_advisory_xact_lock): "RORAUDIT" in ASCII.</summary>
    public const long ChainLock = 0x524F_5241_5544_4954;

    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly Lock _lock = new();
    private readonly List<Pending> _waiting = [];

    private string Call => AuditChainAppend.Call(store.Options.DatabaseSchemaName);

    /// <summary>Returns once the record is committed; throws when its flush failed (nothing of that batch is stored).</summary>
    public async Task AppendAsync(ChainedRecord record)
    {
        var mine = new Pending(record, ChainHash.Digest(record));
        lock (_lock) _waiting.Add(mine);
        while (!mine.Committed.Task.IsCompleted)
        {
            await _flushing.WaitAsync();
            try
            {
                if (mine.Committed.Task.IsCompleted) break;
                Pending[] batch;
                lock (_lock)
                {
                    batch = _waiting.GetRange(0, Math.Min(_waiting.Count, Math.Max(1, options.Value.MaxBatch))).ToArray();
                    _waiting.RemoveRange(0, batch.Length);
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

    private async Task FlushAsync(Pending[] batch)
    {
        try
        {
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync();
            await using var append = new NpgsqlCommand(Call, connection);
            Parameters(append.Parameters, batch);
            await append.PrepareAsync();
            await append.ExecuteScalarAsync();
            foreach (var pending in batch) pending.Committed.TrySetResult();
        }
        catch (Exception e)
        {
            foreach (var pending in batch) pending.Committed.TrySetException(e);
        }
    }

    /// <summary>The batch as parallel arrays, in the order of <see cref="AuditChainAppend"/>'s parameters.</summary>
    private void Parameters(NpgsqlParameterCollection parameters, Pending[] batch)
    {
        var records = Array.ConvertAll(batch, p => p.Record);
        Add(Array.ConvertAll(records, r => r.Kind), NpgsqlDbType.Text);
        Add(Array.ConvertAll(records, r => r.Id), NpgsqlDbType.Text);
        Add(Array.ConvertAll(records, r => r.Recorded.ToUniversalTime()), NpgsqlDbType.TimestampTz);
        Add(Array.ConvertAll(records, r => r.Agent), NpgsqlDbType.Text);
        Add(Array.ConvertAll(records, r => r.Type), NpgsqlDbType.Text);
        Add(Array.ConvertAll(records, r => r.Subtype), NpgsqlDbType.Text);
        Add(records.SelectMany(r => r.Entities).ToArray(), NpgsqlDbType.Text);
        Add(Array.ConvertAll(records, r => r.Entities.Count), NpgsqlDbType.Integer);
        Add(records.SelectMany(r => r.EntityTypes).ToArray(), NpgsqlDbType.Text);
        Add(Array.ConvertAll(records, r => r.EntityTypes.Count), NpgsqlDbType.Integer);
        Add(Array.ConvertAll(records, r => r.Content), NpgsqlDbType.Text);
        Add(Array.ConvertAll(batch, p => p.Digest), NpgsqlDbType.Bytea);
        parameters.Add(new NpgsqlParameter<bool> { TypedValue = options.Value.SynchronousCommit });

        void Add<T>(T[] values, NpgsqlDbType type) =>
            parameters.Add(new NpgsqlParameter<T[]> { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | type });
    }

    private sealed class Pending(ChainedRecord record, byte[] digest)
    {
        public ChainedRecord Record { get; } = record;
        public byte[] Digest { get; } = digest;
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
