using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace RorNational.Fhir.Auditing.Chain;

/// <summary>
/// Appends records to the audit chain by group commit, one writer per node: a request hands its
/// record over and awaits the commit that holds it. Whoever finds no flush running flushes every
/// record then waiting (up to <see cref="AuditOptions.MaxBatch"/>) in one round trip: one call of
/// <see cref="AuditChainAppend"/>, prepared on the writer's own connection, in its own transaction, which takes the
/// chain's advisory lock (so nodes append one after the other), reads the last link and inserts
/// the batch, chaining the hashes in order. Each record's digest is computed here, by the request
/// that hands it over (<see cref="ChainHash.Digest"/>). Records arriving meanwhile wait for the
/// next flush, so the batch grows with the load and a lone request waits for its own commit only;
/// before taking its batch, a flush yields once to the work already queued (no timer, no delay
/// when idle), so that requests about to hand a record over join it.
/// Nothing is held in memory past its request: a killed process loses no answered read's record.
/// </summary>
public sealed class ChainWriter(IDocumentStore store, IOptions<AuditOptions> options) : IAsyncDisposable
{
    /// <summary>The advisory lock of the chain (pg_advisory_xact_lock): "RORAUDIT" in ASCII.</summary>
    public const long ChainLock = 0x524F_5241_5544_4954;

    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly Lock _lock = new();
    private readonly List<Pending> _waiting = [];

    // Used by the flush holding _flushing only.
    private NpgsqlConnection? _connection;
    private NpgsqlCommand? _append;

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
                // Let the requests already queued on the thread pool run first: those about to
                // hand a record over join this batch instead of paying a transaction of their own.
                await Task.Yield();
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
            var reused = _append is not null;
            try
            {
                await ExecuteAsync(batch);
            }
            catch (NpgsqlException) when (reused && _connection?.FullState is not System.Data.ConnectionState.Open)
            {
                // The kept connection broke while idle (PostgreSQL restarted, a proxy closed it):
                // once more on a new one. Had the first call committed, the unique (kind, id)
                // index would refuse the second: a record is never stored twice.
                await CloseAsync();
                await ExecuteAsync(batch);
            }
            foreach (var pending in batch) pending.Committed.TrySetResult();
        }
        catch (Exception e)
        {
            await CloseAsync();
            foreach (var pending in batch) pending.Committed.TrySetException(e);
        }
    }

    private async Task ExecuteAsync(Pending[] batch)
    {
        var append = await AppendCommandAsync();
        SetParameters(append.Parameters, batch);
        await append.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The writer's own connection, kept open between flushes (they run one at a time), with the
    /// append call prepared on it: a flush sends one Bind/Execute, without the pool's reset of a
    /// connection taken and given back, nor a Parse.
    /// </summary>
    private async Task<NpgsqlCommand> AppendCommandAsync()
    {
        if (_append is { Connection.FullState: System.Data.ConnectionState.Open } ready) return ready;
        await CloseAsync();
        _connection = store.Storage.Database.CreateConnection();
        await _connection.OpenAsync();
        _append = new NpgsqlCommand(AuditChainAppend.Call(store.Options.DatabaseSchemaName), _connection);
        SetParameters(_append.Parameters, []);
        await _append.PrepareAsync();
        return _append;
    }

    private async Task CloseAsync()
    {
        if (_append is not null) await _append.DisposeAsync();
        if (_connection is not null) await _connection.DisposeAsync();
        (_append, _connection) = (null, null);
    }

    public async ValueTask DisposeAsync()
    {
        await _flushing.WaitAsync();
        try { await CloseAsync(); }
        finally { _flushing.Release(); }
    }

    /// <summary>The batch as parallel arrays, in the order of <see cref="AuditChainAppend"/>'s parameters (created at the first call, then given new values).</summary>
    private void SetParameters(NpgsqlParameterCollection parameters, Pending[] batch)
    {
        var records = Array.ConvertAll(batch, p => p.Record);
        var index = 0;
        Set(Array.ConvertAll(records, r => r.Kind), NpgsqlDbType.Array | NpgsqlDbType.Text);
        Set(Array.ConvertAll(records, r => r.Id), NpgsqlDbType.Array | NpgsqlDbType.Text);
        Set(Array.ConvertAll(records, r => r.Recorded.ToUniversalTime()), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz);
        Set(Array.ConvertAll(records, r => r.Agent), NpgsqlDbType.Array | NpgsqlDbType.Text);
        Set(Array.ConvertAll(records, r => r.Type), NpgsqlDbType.Array | NpgsqlDbType.Text);
        Set(Array.ConvertAll(records, r => r.Subtype), NpgsqlDbType.Array | NpgsqlDbType.Text);
        Set(records.SelectMany(r => r.Entities).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        Set(Array.ConvertAll(records, r => r.Entities.Count), NpgsqlDbType.Array | NpgsqlDbType.Integer);
        Set(records.SelectMany(r => r.EntityTypes).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        Set(Array.ConvertAll(records, r => r.EntityTypes.Count), NpgsqlDbType.Array | NpgsqlDbType.Integer);
        Set(Array.ConvertAll(records, r => r.Content), NpgsqlDbType.Array | NpgsqlDbType.Text);
        Set(Array.ConvertAll(batch, p => p.Digest), NpgsqlDbType.Array | NpgsqlDbType.Bytea);
        Set(options.Value.SynchronousCommit, NpgsqlDbType.Boolean);

        void Set<T>(T value, NpgsqlDbType type)
        {
            if (parameters.Count == index) parameters.Add(new NpgsqlParameter<T> { NpgsqlDbType = type });
            ((NpgsqlParameter<T>)parameters[index++]).TypedValue = value;
        }
    }

    private sealed class Pending(ChainedRecord record, byte[] digest)
    {
        public ChainedRecord Record { get; } = record;
        public byte[] Digest { get; } = digest;
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
