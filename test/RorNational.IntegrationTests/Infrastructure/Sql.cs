using Npgsql;

namespace RorNational.IntegrationTests.Infrastructure;

/// <summary>
/// What a test reads or writes in PostgreSQL directly, on a connection of its own: a statement,
/// one value, or rows. Parameters are positional (<c>$1</c>, <c>$2</c>...), in the order given.
/// </summary>
public static class Sql
{
    public static async Task<int> Execute(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> Scalar<T>(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = Command(connection, sql, parameters);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<List<T>> Rows<T>(string connectionString, string sql, Func<NpgsqlDataReader, T> read, params object[] parameters)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = Command(connection, sql, parameters);
        return await Rows(command, read);
    }

    /// <summary>The rows of a command on a connection the test holds (in its transaction, say).</summary>
    public static async Task<List<T>> Rows<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return command;
    }
}
