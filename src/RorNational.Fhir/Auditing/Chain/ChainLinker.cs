using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace RorNational.Fhir.Auditing.Chain;

/// <summary>
/// Moves the records waiting in the intake (<see cref="AuditIntakeTable"/>) into the chain
/// (<see cref="AuditChainTable"/>), in one transaction per batch of at most
/// <see cref="AuditOptions.MaxLink"/>: it takes the chain's advisory lock (one linker at a time,
/// whatever the node), reads the last link, deletes the batch from the intake in the order it
/// was handed over (<c>seq</c>), chains each record's hash to the previous one
/// (<see cref="ChainHash"/>) and copies the links into the chain (binary COPY). A crash before the
/// commit leaves the records in the intake, to be linked by the next batch: none lost, none twice.
/// A record handed over twice (a flush retried after its commit went through) is linked once.
/// A writer that runs one batch at a time may skip the intake and link its records itself
/// (<see cref="LinkAsync"/>). The background loop (<see cref="ChainLinking"/>) links what the node's writer committed;
/// whoever reads the chain first links everything committed before (<see cref="CatchUpAsync"/>),
/// so a record is found by the next search, whatever node answered its read.
/// </summary>
public sealed class ChainLinker(IDocumentStore store, IOptions<AuditOptions> options)
{
    /// <summary>The advisory lock of the chain (pg_advisory_xact_lock): "RORAUDIT" in ASCII.</summary>
    public const long ChainLock = 0x524F_5241_5544_4954;

    private const string ChainColumns = "position, kind, id, recorded, agent, type, subtype, entities, entity_types, content, previous_hash, hash";

    private int _committed;

    private int MaxLink => options.Value.MaxLink;

    /// <summary>The writer committed records to the intake: the background loop has work.</summary>
    public void Committed() => Volatile.Write(ref _committed, 1);

    /// <summary>Whether the writer committed records since the last call.</summary>
    public bool TakeCommitted() => Interlocked.Exchange(ref _committed, 0) == 1;

    /// <summary>Links every record committed to the intake before the call, by any node; returns how many it linked.</summary>
    public async Task<long> CatchUpAsync(CancellationToken cancellation)
    {
        var linked = 0L;
        while (true)
        {
            var taken = await LinkWaitingAsync(cancellation);
            linked += taken;
            if (taken < MaxLink) return linked;
        }
    }

    /// <summary>
    /// Links <paramref name="records"/> straight into the chain, after what waits in the intake (up
    /// to <see cref="AuditOptions.MaxLink"/>), in one transaction under the chain's lock, and returns
    /// once they are committed there. For a writer that already runs one at a time and in large
    /// batches (the daemon's Provenance pages, <see cref="Provenances.ProvenanceChaining"/>): its
    /// records skip the intake's insert, delete and JSON round trip. A record already in the chain (a
    /// page run again after a crash) is not linked twice.
    /// </summary>
    public async Task LinkAsync(IReadOnlyList<ChainedRecord> records, CancellationToken cancellation)
    {
        if (records.Count == 0) return;
        await LinkOnceAsync(records, cancellation);
    }

    /// <summary>One batch of the intake, if it holds anything; returns the number of intake rows taken.</summary>
    private async Task<int> LinkWaitingAsync(CancellationToken cancellation) =>
        await AnyWaitingAsync(cancellation) ? await LinkOnceAsync([], cancellation) : 0;

    /// <summary>
    /// One batch of the intake then <paramref name="given"/>; a record already in the chain makes
    /// the batch fail on the unique (kind, id), and it is linked again without such records.
    /// </summary>
    private async Task<int> LinkOnceAsync(IReadOnlyList<ChainedRecord> given, CancellationToken cancellation)
    {
        try
        {
            return await LinkInTransactionAsync(given, skipLinked: false, cancellation);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return await LinkInTransactionAsync(given, skipLinked: true, cancellation);
        }
    }

    /// <summary>Returns the number of intake rows taken (linked, or dropped as already linked).</summary>
    private async Task<int> LinkInTransactionAsync(IReadOnlyList<ChainedRecord> given, bool skipLinked, CancellationToken cancellation)
    {
        var schema = store.Options.DatabaseSchemaName;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        // Moving committed records: a crash of PostgreSQL undoes the move whole, so it need not wait for the disk.
        await ExecuteAsync(connection, $"set local synchronous_commit = off; select pg_advisory_xact_lock({ChainLock})", cancellation);
        var (position, hash) = await LastLinkAsync(connection, schema, cancellation);
        var taken = await TakeAsync(connection, schema, cancellation);
        var records = taken.Concat(given).DistinctBy(r => (r.Kind, r.Id)).ToList();
        if (skipLinked) records = await WithoutLinkedAsync(connection, schema, records, cancellation);
        if (records.Count > 0)
        {
            await using var copy = await connection.BeginBinaryImportAsync(
                $"copy {AuditChainTable.QualifiedName(schema)} ({ChainColumns}) from stdin (format binary)", cancellation);
            foreach (var record in records)
            {
                var next = ChainHash.Link(hash, ++position, ChainHash.Digest(record));
                await WriteAsync(copy, new ChainLink(position, record, hash, next), cancellation);
                hash = next;
            }
            await copy.CompleteAsync(cancellation);
        }
        await transaction.CommitAsync(cancellation);
        return taken.Count;
    }

    /// <summary>
    /// Whether the intake holds a record, without the chain's lock: a read of the chain (every
    /// auditor request, every Provenance page) usually finds it empty, and then waits for no
    /// linker of any node. A record committed before the call is seen. It asks the key's index
    /// (<c>min(seq)</c>) rather than the table: every row the linker deleted stays in the heap until
    /// the next vacuum, and a scan of the heap walked them all (1 to 3 ms a call under recorded
    /// reads), where the index skips the entries it has already found dead.
    /// </summary>
    private async Task<bool> AnyWaitingAsync(CancellationToken cancellation)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand($"select min(seq) is not null from {AuditIntakeTable.QualifiedName(store.Options.DatabaseSchemaName)}", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellation))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    private static async Task<(long Position, byte[] Hash)> LastLinkAsync(NpgsqlConnection connection, string schema, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            $"select position, hash from {AuditChainTable.QualifiedName(schema)} order by position desc limit 1", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation) ? (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)) : (0, ChainHash.Genesis);
    }

    /// <summary>The oldest records of the intake, deleted, in the order they were handed over.</summary>
    private async Task<List<ChainedRecord>> TakeAsync(NpgsqlConnection connection, string schema, CancellationToken cancellation)
    {
        var intake = AuditIntakeTable.QualifiedName(schema);
        await using var command = new NpgsqlCommand(
            $"delete from {intake} where seq in (select seq from {intake} order by seq limit $1) returning seq, record", connection)
        {
            Parameters = { new NpgsqlParameter<int> { TypedValue = MaxLink } },
        };
        var rows = new List<(long Seq, string Json)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
            while (await reader.ReadAsync(cancellation)) rows.Add((reader.GetInt64(0), reader.GetString(1)));
        var now = DateTimeOffset.UtcNow;
        return rows.OrderBy(r => r.Seq).Select(r => IntakeRecord.ReadOrKeep(r.Seq, r.Json, now)).ToList();
    }

    private static async Task<List<ChainedRecord>> WithoutLinkedAsync(
        NpgsqlConnection connection, string schema, List<ChainedRecord> records, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            $"select kind, id from {AuditChainTable.QualifiedName(schema)} where (kind, id) in (select * from unnest($1::text[], $2::text[]))", connection)
        {
            Parameters =
            {
                new NpgsqlParameter<string[]> { TypedValue = records.Select(r => r.Kind).ToArray() },
                new NpgsqlParameter<string[]> { TypedValue = records.Select(r => r.Id).ToArray() },
            },
        };
        var linked = new HashSet<(string, string)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
            while (await reader.ReadAsync(cancellation)) linked.Add((reader.GetString(0), reader.GetString(1)));
        return records.Where(r => !linked.Contains((r.Kind, r.Id))).ToList();
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter copy, ChainLink link, CancellationToken cancellation)
    {
        var record = link.Record;
        await copy.StartRowAsync(cancellation);
        await copy.WriteAsync(link.Position, NpgsqlDbType.Bigint, cancellation);
        await copy.WriteAsync(record.Kind, NpgsqlDbType.Text, cancellation);
        await copy.WriteAsync(record.Id, NpgsqlDbType.Text, cancellation);
        await copy.WriteAsync(record.Recorded.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellation);
        await copy.WriteAsync(record.Agent, NpgsqlDbType.Text, cancellation);
        await copy.WriteAsync(record.Type, NpgsqlDbType.Text, cancellation);
        await copy.WriteAsync(record.Subtype, NpgsqlDbType.Text, cancellation);
        await copy.WriteAsync(record.Entities.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellation);
        await copy.WriteAsync(record.EntityTypes.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellation);
        await copy.WriteAsync(record.Content, NpgsqlDbType.Text, cancellation);
        await copy.WriteAsync(link.PreviousHash, NpgsqlDbType.Bytea, cancellation);
        await copy.WriteAsync(link.Hash, NpgsqlDbType.Bytea, cancellation);
    }
}
