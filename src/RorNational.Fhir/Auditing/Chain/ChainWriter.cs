using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace RorNational.Fhir.Auditing.Chain;

/// <summary>
/// Hands records over to the audit chain by group commit, one writer per node: a request hands its
/// record over and awaits the commit that holds it in the chain's intake
/// (<see cref="AuditIntakeTable"/>), from where <see cref="ChainLinker"/> links it. Whoever finds no
/// flush running flushes every record then waiting (up to <see cref="AuditOptions.MaxBatch"/>) in
/// one round trip: one call of <see cref="AuditIntakeAppend"/>, prepared on the writer's own
/// connection, in its own transaction, taking no lock that other nodes wait for. Records arriving
/// meanwhile wait for the next flush, so the batch grows with the load and a lone request waits
/// for its own commit only; before taking its batch, a flush yields once to the work already
/// queued (no timer, no delay when idle), so that requests about to hand a record over join it.
/// Nothing is held in memory past its request: a killed process loses no answered read's record.
/// </summary>
public sealed class ChainWriter(IDocumentStore store, ChainLinker linker, IOptions<AuditOptions> options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly Lock _lock = new();
    private readonly List<Pending> _waiting = [];

    private long _flushes;

    /// <summary>The group commits this writer made: fewer than the records under load.</summary>
    public long Flushes => Interlocked.Read(ref _flushes);

    // Used by the flush holding _flushing only.
    private NpgsqlConnection? _connection;
    private NpgsqlCommand? _append;

    /// <summary>Returns once the record is committed; throws when its flush failed (nothing of that batch is stored).</summary>
    public async Task AppendAsync(ChainedRecord record)
    {
        var mine = new Pending(IntakeRecord.Write(record));
        if (options.Value.Measurement == AuditMeasurement.BuiltOnly) return;
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
                    batch = _waiting.GetRange(0, Math.Min(_waiting.Count, options.Value.MaxBatch)).ToArray();
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
                // once more on a new one. Had the first call committed, the linker would find the
                // record twice and link it once (ChainLinker): a record is never chained twice.
                await CloseAsync();
                await ExecuteAsync(batch);
            }
            Interlocked.Increment(ref _flushes);
            linker.Committed();
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
    /// append call prepared on it: a flush sends one Bind/Execute, without taking a connection from
    /// the pool and giving it back, nor a Parse.
    /// </summary>
    private async Task<NpgsqlCommand> AppendCommandAsync()
    {
        if (_append is { Connection.FullState: System.Data.ConnectionState.Open } ready) return ready;
        await CloseAsync();
        _connection = store.Storage.Database.CreateConnection();
        await _connection.OpenAsync();
        _append = new NpgsqlCommand(options.Value.Measurement == AuditMeasurement.AcknowledgedOnly
            ? AcknowledgedOnly : AuditIntakeAppend.Call(store.Options.DatabaseSchemaName), _connection);
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

    /// <summary>What a group sends instead of its records under <see cref="AuditMeasurement.AcknowledgedOnly"/>: the same parameters, nothing written.</summary>
    private const string AcknowledgedOnly = "select cardinality($1::text[]) >= 0 or $2";

    public async ValueTask DisposeAsync()
    {
        await _flushing.WaitAsync();
        try { await CloseAsync(); }
        finally { _flushing.Release(); }
    }

    /// <summary>The batch in the order of <see cref="AuditIntakeAppend"/>'s parameters (created at the first call, then given new values).</summary>
    private void SetParameters(NpgsqlParameterCollection parameters, Pending[] batch)
    {
        if (parameters.Count == 0)
        {
            parameters.Add(new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter<bool> { NpgsqlDbType = NpgsqlDbType.Boolean });
        }
        ((NpgsqlParameter<string[]>)parameters[0]).TypedValue = Array.ConvertAll(batch, p => p.Json);
        ((NpgsqlParameter<bool>)parameters[1]).TypedValue = options.Value.SynchronousCommit;
    }

    private sealed class Pending(string json)
    {
        public string Json { get; } = json;
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
