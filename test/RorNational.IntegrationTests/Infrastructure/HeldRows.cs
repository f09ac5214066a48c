using Npgsql;

namespace RorNational.IntegrationTests.Infrastructure;

/// <summary>
/// Rows locked by a transaction of the test's own until <see cref="ReleaseAsync"/>: a write of the
/// application that reaches them waits there, after what it wrote before them and before its
/// commit, so that a test can run another write in the middle of it. With the count of sessions
/// of the database waiting on a lock, to know where the writes are.
/// </summary>
public sealed class HeldRows : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly string _connectionString;

    private HeldRows(NpgsqlConnection connection, NpgsqlTransaction transaction, string connectionString) =>
        (_connection, _transaction, _connectionString) = (connection, transaction, connectionString);

    /// <param name="sql">A statement that locks the rows: "select 1 from … for update".</param>
    public static async Task<HeldRows> TakeAsync(string connectionString, string sql)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(sql, connection, transaction)) await command.ExecuteNonQueryAsync();
        return new HeldRows(connection, transaction, connectionString);
    }

    public Task ReleaseAsync() => _transaction.CommitAsync();

    /// <summary>Until <paramref name="count"/> sessions of the database wait for a lock (at most 10 s, then fails).</summary>
    public async Task UntilWaitingAsync(int count)
    {
        for (var i = 0; i < 200 && await WaitingAsync() < count; i++) await Task.Delay(50);
        Assert.That(await WaitingAsync(), Is.GreaterThanOrEqualTo(count), "the transaction held did not reach the held rows");
    }

    /// <summary>Until the request is answered, or waits for a lock too (at most 5 s): it does when the locks order it after the held one.</summary>
    public async Task UntilDoneOrWaitingAsync(Task request, int count)
    {
        for (var i = 0; i < 100 && !request.IsCompleted && await WaitingAsync() < count; i++) await Task.Delay(50);
    }

    private async Task<int> WaitingAsync() => (await Sql.Rows(_connectionString,
        "select count(*)::int from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'", r => r.GetInt32(0))).Single();

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
