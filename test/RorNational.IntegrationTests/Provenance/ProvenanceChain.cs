using Npgsql;

namespace RorNational.IntegrationTests.Provenance;

/// <summary>The Provenance records and the audit chain, read in PostgreSQL.</summary>
public static class ProvenanceChain
{
    /// <summary>
    /// Waits until the chaining subscription (async daemon) has appended every stored Provenance
    /// record: a test counting the chain's records must not see them arrive in the middle.
    /// </summary>
    public static async Task WaitUntilChained(string connectionString, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "select (select count(*) from ror.provenance_record), (select count(*) from ror.audit_chain where kind = 'Provenance')", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var (stored, chained) = (reader.GetInt64(0), reader.GetInt64(1));
            if (stored > 0 && chained >= stored) return;
            if (DateTime.UtcNow > deadline) Assert.Fail($"{chained} of {stored} Provenance records chained in time");
            await Task.Delay(100);
        }
    }
}
