using Marten;
using Npgsql;
using RorNational.Host;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Hosting;

/// <summary>
/// The host's connections keep their most used statements prepared on the server
/// (<see cref="ConnectionStringDefaults"/>), unless the connection string says otherwise.
/// </summary>
public sealed class prepared_statements : ApiFixture
{
    [Test]
    public async Task a_statement_the_store_runs_again_and_again_is_prepared_on_its_connection()
    {
        await using var connection = App.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        for (var i = 0; i < 6; i++)
        {
            await using var repeated = new NpgsqlCommand("select count(*) /* repeated by the test */ from pg_class where relname = $1", connection) { Parameters = { new() { Value = "pg_proc" } } };
            await repeated.ExecuteScalarAsync();
        }
        await using var prepared = new NpgsqlCommand("select count(*) from pg_prepared_statements where statement like '%/* repeated by the test */%' and not from_sql", connection);

        Assert.That((long)(await prepared.ExecuteScalarAsync())!, Is.EqualTo(1), "prepared after its 5th use");
    }

    [TestCase("Host=db;Database=ror", 5, ConnectionStringDefaults.PreparedStatements)]
    [TestCase("Host=db;Database=ror;Max Auto Prepare=0", 5, 0)]
    [TestCase("Host=db;Database=ror;maxautoprepare=20;timeout=30", 30, 20)]
    [TestCase("Host=db;Database=ror;TIMEOUT=2", 2, ConnectionStringDefaults.PreparedStatements)]
    public void what_the_connection_string_says_wins_over_the_defaults(string given, int timeout, int maxAutoPrepare)
    {
        var applied = new NpgsqlConnectionStringBuilder(ConnectionStringDefaults.Apply(given));

        Assert.That((applied.Timeout, applied.MaxAutoPrepare), Is.EqualTo((timeout, maxAutoPrepare)));
    }
}
