using System.Diagnostics;
using Npgsql;

namespace Bench.Limits;

/// <summary>
/// The floor of a rebuild (workload 5): the least PostgreSQL must do to hold what the rebuild
/// wrote, measured on what it wrote. Every table the rebuild rewrote is first dumped to a file in
/// PostgreSQL's binary COPY format (not timed). Then, timed: the event log is read out whole (the
/// rebuild's input), each dump is copied into an empty twin of its table (same columns, storage and
/// compression, no index), largest first, and each table's indexes are built on the loaded rows,
/// as PostgreSQL builds them fastest (sorted, not entry by entry). The work is spread over as many
/// connections as the machine has cores. Nothing is rendered, no row is written twice, no
/// row version is left to walk: a rebuild that renders the resources can only be slower. The twins
/// live in a scratch schema dropped afterwards.
/// </summary>
public static class RebuildFloor
{
    public sealed record Result(TimeSpan Elapsed, TimeSpan Loading, TimeSpan Indexing, long Bytes, int Tables, int Indexes, int Connections);

    private const string Scratch = "bench_rebuild_floor";

    /// <param name="tables">The rewritten tables, schema-qualified, as the rebuild listed them.</param>
    public static async Task<Result> MeasureAsync(string connectionString, string eventTable, IReadOnlyList<string> tables)
    {
        var connections = Math.Max(1, Environment.ProcessorCount);
        var folder = Directory.CreateTempSubdirectory("bench-rebuild-floor-");
        await using var data = NpgsqlDataSource.Create(connectionString);
        try
        {
            await ExecuteAsync(data, $"drop schema if exists {Scratch} cascade; create schema {Scratch}");
            var dumps = new List<(string Table, string File, long Bytes)>();
            var indexes = new List<string>();
            foreach (var table in tables)
            {
                var name = table[(table.IndexOf('.') + 1)..];
                var file = Path.Combine(folder.FullName, name + ".copy");
                dumps.Add((name, file, await DumpAsync(data, table, file)));
                await ExecuteAsync(data, $"create table {Scratch}.{name} (like {table} including defaults including storage including compression)");
                indexes.AddRange(await IndexesOfAsync(data, table, $"{Scratch}.{name}"));
            }

            var clock = Stopwatch.StartNew();
            var loads = new List<Func<NpgsqlConnection, Task>> { c => ReadAllAsync(c, eventTable) };
            loads.AddRange(dumps.OrderByDescending(d => d.Bytes).Select(d => (Func<NpgsqlConnection, Task>)(c => LoadAsync(c, $"{Scratch}.{d.Table}", d.File))));
            await InParallelAsync(data, connections, loads);
            var loading = clock.Elapsed;
            await InParallelAsync(data, connections, indexes.Select(sql => (Func<NpgsqlConnection, Task>)(c => ExecuteAsync(c, sql))).ToList());
            return new Result(clock.Elapsed, loading, clock.Elapsed - loading, dumps.Sum(d => d.Bytes), dumps.Count, indexes.Count, connections);
        }
        finally
        {
            await ExecuteAsync(data, $"drop schema if exists {Scratch} cascade");
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The table's indexes (its primary key's included), as created on <paramref name="twin"/>.</summary>
    private static async Task<List<string>> IndexesOfAsync(NpgsqlDataSource data, string table, string twin)
    {
        var dot = table.IndexOf('.');
        await using var command = data.CreateCommand("select indexdef from pg_indexes where schemaname = $1 and tablename = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = table[..dot] });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = table[(dot + 1)..] });
        var definitions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var definition = reader.GetString(0);
            var on = $" ON {table} ";
            if (!definition.Contains(on, StringComparison.Ordinal)) throw new InvalidOperationException($"unexpected index definition for {table}: {definition}");
            definitions.Add(definition.Replace(on, $" ON {twin} ", StringComparison.Ordinal));
        }
        return definitions;
    }

    private static async Task<long> DumpAsync(NpgsqlDataSource data, string table, string file)
    {
        await using var connection = await data.OpenConnectionAsync();
        await using var copy = await connection.BeginRawBinaryCopyAsync($"copy {table} to stdout (format binary)");
        await using var output = File.Create(file);
        await copy.CopyToAsync(output);
        return output.Length;
    }

    private static async Task LoadAsync(NpgsqlConnection connection, string table, string file)
    {
        await using var copy = await connection.BeginRawBinaryCopyAsync($"copy {table} from stdin (format binary)");
        await using var input = File.OpenRead(file);
        await input.CopyToAsync(copy);
    }

    private static async Task ReadAllAsync(NpgsqlConnection connection, string table)
    {
        await using var copy = await connection.BeginRawBinaryCopyAsync($"copy {table} to stdout (format binary)");
        await copy.CopyToAsync(Stream.Null);
    }

    /// <summary>Runs the tasks in order on <paramref name="connections"/> connections, each taking the next when it is free.</summary>
    private static async Task InParallelAsync(NpgsqlDataSource data, int connections, IReadOnlyList<Func<NpgsqlConnection, Task>> tasks)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            await using var connection = await data.OpenConnectionAsync();
            for (var i = Interlocked.Increment(ref next); i < tasks.Count; i = Interlocked.Increment(ref next)) await tasks[i](connection);
        }));
    }

    private static async Task ExecuteAsync(NpgsqlDataSource data, string sql)
    {
        await using var connection = await data.OpenConnectionAsync();
        await ExecuteAsync(connection, sql);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
