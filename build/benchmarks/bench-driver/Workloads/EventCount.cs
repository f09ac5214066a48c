using Npgsql;

namespace Bench.Workloads;

/// <summary>Counts events by SQL: all of them, or those of streams whose key starts with a prefix.</summary>
public static class EventCount
{
    public static async Task<long> OfAsync(string connectionString, string streamPrefix = "")
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using var command = data.CreateCommand("select count(*) from ror.mt_events where stream_id like @prefix || '%'");
        command.Parameters.AddWithValue("prefix", streamPrefix);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
