using Npgsql;

namespace Bench.Workloads;

/// <summary>
/// The limit of workload 3: a scratch table shaped like mt_events (bench.scratch_events, its own
/// sequence, the same indexes), and the pgbench script that inserts one transaction of N event
/// rows copied from a real capacity event (same payload size), as a Bundle of N changes appends.
/// </summary>
public static class ScratchEvents
{
    public static async Task<string> ScriptAsync(string connectionString, int rowsPerTransaction)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using (var create = data.CreateCommand("""
            create schema if not exists bench;
            drop table if exists bench.scratch_events;
            create table bench.scratch_events (like ror.mt_events including indexes);
            create sequence if not exists bench.scratch_events_seq;
            alter table bench.scratch_events alter column seq_id set default nextval('bench.scratch_events_seq');
            """))
            await create.ExecuteNonQueryAsync();
        var columns = new List<string>();
        await using (var read = data.CreateCommand("select column_name from information_schema.columns where table_schema = 'ror' and table_name = 'mt_events' and column_name <> 'seq_id' order by ordinal_position"))
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
        await using var template = data.CreateCommand("select max(seq_id) from ror.mt_events where stream_id like 'capacity-%'");
        var templateId = await template.ExecuteScalarAsync() is long id ? id : throw new InvalidOperationException("no capacity event to copy");
        var values = columns.Select(c => c switch
        {
            "id" => "gen_random_uuid()",
            "stream_id" => "'scratch-' || (:s)::text",
            "version" => "g",
            "timestamp" => "now()",
            _ => $"e.{c}",
        });
        return $"""
            \set s random(1, 2000000000)
            begin;
            insert into bench.scratch_events ({string.Join(", ", columns)})
              select {string.Join(", ", values)} from generate_series(1, {rowsPerTransaction}) g,
                (select * from ror.mt_events where seq_id = {templateId}) e;
            commit;
            """;
    }
}
