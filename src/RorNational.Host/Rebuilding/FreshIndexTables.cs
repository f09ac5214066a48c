using System.Diagnostics;
using Npgsql;
using RorNational.Fhir.Search.Indexing;
using RorNational.Fhir.Search.Indexing.Schema;

namespace RorNational.Host.Rebuilding;

/// <summary>
/// The search index of a rebuild written into fresh tables, then swapped in at its commit. Kept in
/// place, every row inserted would update each index of its table, entry by entry at random places
/// (about half of a rebuild's PostgreSQL time at scale 0.05), over the dead entries of the rows the
/// rebuild deleted. Here the rebuild's transaction creates the index tables in a staging schema
/// (<c>&lt;schema&gt;_rebuild</c>) with only the index its deletions look rows up by (resource type and
/// id: a resource rendered again replaces its rows). The index writers write there
/// (<see cref="IndexWriteTarget"/>). At the end the other indexes are built on the loaded rows, sorted,
/// as PostgreSQL builds them fastest; then the previous tables are dropped, the fresh ones moved
/// into the schema (with their indexes, under the names the schema defines) and their extended
/// statistics created. Readers use the previous tables until the commit, then the new ones; an
/// interrupted rebuild rolls all of it back.
/// </summary>
public sealed class FreshIndexTables(string schema)
{
    /// <summary>Tried this long at a time, then let go for <see cref="Pause"/>: searches queue behind a waiting swap.</summary>
    private static readonly TimeSpan Attempt = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(300);

    public string Staging { get; } = $"{schema}_rebuild";

    private IReadOnlyList<IndexTable> InStaging => SearchIndexSchema.ObjectsIn(Staging).OfType<IndexTable>().ToList();

    private IReadOnlyList<IndexTable> InSchema => SearchIndexSchema.ObjectsIn(schema).OfType<IndexTable>().ToList();

    /// <summary>The index a table's rows are found by when their resource is written again.</summary>
    private static bool LooksUpRowsOfAResource(IndexTableIndex index) => index.Definition.StartsWith("btree (resource_type, id)", StringComparison.Ordinal);

    public async Task CreateAsync(NpgsqlTransaction transaction, CancellationToken cancellation)
    {
        var sql = new List<string> { $"drop schema if exists {Staging} cascade", $"create schema {Staging}" };
        foreach (var table in InStaging)
        {
            sql.Add(table.CreateTableSql());
            sql.AddRange(table.Indexes.Where(LooksUpRowsOfAResource).Select(index => index.CreateSql(table)));
        }
        await ExecuteAsync(transaction, sql, cancellation);
    }

    /// <summary>
    /// Whether the fresh tables are analyzed after this many batches: after the 1st, 2nd, 4th... up
    /// to the 1024th. Without statistics, the planner takes a filling table for a few rows, and planned
    /// the deletion of a resource's capacity rows as a read of every Location's (15 ms a batch at
    /// scale 0.05, growing with the table). Statistics of a part of the rows serve for the rest:
    /// the planner scales them to the table's current size.
    /// </summary>
    public static bool AnalyzedAfter(int batches) => batches <= 1024 && (batches & (batches - 1)) == 0;

    /// <summary>Statistics of the fresh tables as they are filled so far (the transaction's own rows count).</summary>
    public Task AnalyzeAsync(NpgsqlTransaction transaction, CancellationToken cancellation) =>
        ExecuteAsync(transaction, [$"analyze {string.Join(", ", InStaging.Select(table => table.QualifiedName))}"], cancellation);

    /// <summary>
    /// Fills the derived tables (<see cref="IndexTable.Derivation"/>), builds the remaining indexes, then swaps the tables in. The previous tables must be locked
    /// exclusively to be dropped: a read in progress is waited for, by short attempts (searches
    /// queue behind a waiting lock) up to <paramref name="timeout"/>, after which the rebuild refuses.
    /// </summary>
    public async Task SwapInAsync(NpgsqlTransaction transaction, TimeSpan timeout, CancellationToken cancellation)
    {
        var staged = InStaging;
        // The derived tables, from the others now loaded (their batches wrote none of their rows).
        var derived = staged.Where(table => table.Derivation is not null).ToList();
        await ExecuteAsync(transaction, [.. derived.Select(table => table.Derivation!), .. derived.Select(table => $"analyze {table.QualifiedName}")], cancellation);
        await ExecuteAsync(transaction,
            [.. staged.SelectMany(table => table.Indexes.Where(index => !LooksUpRowsOfAResource(index)).Select(index => index.CreateSql(table)))],
            cancellation);
        await LockPreviousAsync(transaction, timeout, cancellation);
        var current = InSchema;
        await ExecuteAsync(transaction, await GrantsAsync(transaction, current, staged, cancellation), cancellation);
        await ExecuteAsync(transaction,
        [
            .. current.Select(table => $"drop table {table.QualifiedName}"),
            .. staged.Select(table => $"alter table {table.QualifiedName} set schema {schema}"),
            .. current.SelectMany(table => table.Statistics.Select(statistics => statistics.CreateSql(table))),
            $"drop schema {Staging}",
        ], cancellation);
    }

    /// <summary>
    /// The privileges other roles hold on the previous tables (a reporting role's SELECT, say), granted
    /// on the fresh ones: a table created by the rebuild carries none of its own.
    /// </summary>
    private static async Task<List<string>> GrantsAsync(
        NpgsqlTransaction transaction, IReadOnlyList<IndexTable> current, IReadOnlyList<IndexTable> staged, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            "select t.ordinality::int, string_agg(a.privilege_type, ', '), " +
            "case when a.grantee = 0 then 'public' else quote_ident(r.rolname) end " +
            "from unnest($1::text[]) with ordinality as t(name, ordinality) " +
            "join pg_class c on c.oid = to_regclass(t.name) cross join aclexplode(c.relacl) a left join pg_roles r on r.oid = a.grantee " +
            "where a.grantee <> c.relowner group by t.ordinality, a.grantee, r.rolname",
            transaction.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = current.Select(table => table.QualifiedName).ToArray() });
        var grants = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            grants.Add($"grant {reader.GetString(1)} on {staged[reader.GetInt32(0) - 1].QualifiedName} to {reader.GetString(2)}");
        return grants;
    }

    private async Task LockPreviousAsync(NpgsqlTransaction transaction, TimeSpan timeout, CancellationToken cancellation)
    {
        var tables = string.Join(", ", InSchema.Select(table => table.QualifiedName));
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await transaction.SaveAsync("swap", cancellation);
            try
            {
                await ExecuteAsync(transaction,
                    [$"set local lock_timeout = '{(long)Attempt.TotalMilliseconds}ms'", $"lock table {tables} in access exclusive mode", "set local lock_timeout = 0"],
                    cancellation);
                await transaction.ReleaseAsync("swap", cancellation);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                await transaction.RollbackAsync("swap", cancellation);
                if (clock.Elapsed >= timeout)
                    throw new RebuildRefused(
                        $"reads held the search index tables for more than {timeout.TotalSeconds:0} s: the rebuilt index could not be swapped in. " +
                        "Run the rebuild again when no export or long search runs.");
                await Task.Delay(Pause, cancellation);
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlTransaction transaction, IReadOnlyList<string> statements, CancellationToken cancellation)
    {
        if (statements.Count == 0) return;
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        foreach (var statement in statements) batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
        batch.Timeout = 0;
        await batch.ExecuteNonQueryAsync(cancellation);
    }
}
