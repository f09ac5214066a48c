using Npgsql;

namespace RorNational.IntegrationTests.Export;

/// <summary>
/// Holds the HealthcareServices' table locked (access exclusive) in a transaction of its own: an
/// export started meanwhile takes its snapshot, writes the Organizations, then waits on the lock
/// to read the HealthcareServices, so that a test acts in the middle of an export. Released by
/// <see cref="ReleaseAsync"/> (or when disposed).
/// </summary>
public sealed class HealthcareServicesLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly string _connectionString;

    private HealthcareServicesLock(NpgsqlConnection connection, NpgsqlTransaction transaction, string connectionString)
    {
        _connection = connection;
        _transaction = transaction;
        _connectionString = connectionString;
    }

    public static async Task<HealthcareServicesLock> TakeAsync(string connectionString, string schema = "ror")
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var lockTable = new NpgsqlCommand($"lock table {schema}.mt_doc_healthcareservicedocument in access exclusive mode", connection, transaction);
        await lockTable.ExecuteNonQueryAsync();
        return new HealthcareServicesLock(connection, transaction, connectionString);
    }

    /// <summary>Waits (at most 30 s) until a session of the database waits on this lock: the export has reached the HealthcareServices.</summary>
    public async Task UntilAnExportWaitsAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var command = new NpgsqlCommand(
                "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like '%mt_doc_healthcareservicedocument%'", connection);
            if ((long)(await command.ExecuteScalarAsync())! > 0) return;
            if (DateTime.UtcNow > deadline) Assert.Fail("the export never reached the HealthcareServices");
            await Task.Delay(20);
        }
    }

    public Task ReleaseAsync() => _transaction.CommitAsync();

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
