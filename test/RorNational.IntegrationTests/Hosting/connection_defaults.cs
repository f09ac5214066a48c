using Marten;
using Npgsql;
using RorNational.Fhir.Storage;
using RorNational.Host;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Hosting;

/// <summary>
/// The host's connections keep their most used statements prepared on the server, compress
/// large values with lz4, are not reset when given back to the pool and are closed after a minute
/// (<see cref="ConnectionStringDefaults"/>), unless the connection string says otherwise.
/// </summary>
public sealed class connection_defaults : ApiFixture
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

    [Test]
    public async Task large_documents_are_compressed_with_lz4()
    {
        await using var connection = App.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var setting = new NpgsqlCommand("show default_toast_compression", connection);
        Assert.That(await setting.ExecuteScalarAsync(), Is.EqualTo("lz4"));

        var key = "large";
        var large = new string('x', 8_000) + string.Concat(Enumerable.Range(0, 2_000).Select(i => i.ToString()));
        await using (var session = App.Store.LightweightSession())
        {
            var document = new LocationDocument { Id = key, Version = 1, Json = large };
            session.Store(document);
            ResourceVersionRows.Insert(session, [FhirResourceVersion.Of("Location", document)]);
            await session.SaveChangesAsync();
        }
        var schema = App.Store.Options.DatabaseSchemaName;
        await using var compression = new NpgsqlCommand(
            $"select pg_column_compression(data) from {schema}.mt_doc_locationdocument where id = $1", connection)
            { Parameters = { new() { Value = key } } };
        Assert.That(await compression.ExecuteScalarAsync(), Is.EqualTo("lz4"), "a document past the TOAST threshold, stored through the store");
        await using var versionCompression = new NpgsqlCommand(
            $"select pg_column_compression(json) from {schema}.{ResourceVersionTable.Name} where resource_id = $1", connection)
            { Parameters = { new() { Value = key } } };
        Assert.That(await versionCompression.ExecuteScalarAsync(), Is.EqualTo("lz4"), "a version's JSON past the TOAST threshold");
    }

    [Test]
    public async Task a_connection_given_back_to_the_pool_is_reused_without_a_reset()
    {
        var dataSource = App.Store.Storage.Database;
        int pid;
        await using (var first = dataSource.CreateConnection())
        {
            await first.OpenAsync();
            await using var set = new NpgsqlCommand("set rornational_test.left_by = 'connection_defaults'; select pg_backend_pid()", first);
            pid = (int)(await set.ExecuteScalarAsync())!;
        }
        // Held open until the pool hands that session out again: others' connections stay apart.
        var held = new List<NpgsqlConnection>();
        try
        {
            for (var i = 0; i < 20; i++)
            {
                var next = dataSource.CreateConnection();
                held.Add(next);
                await next.OpenAsync();
                await using var read = new NpgsqlCommand("select pg_backend_pid(), current_setting('rornational_test.left_by', true)", next);
                await using var reader = await read.ExecuteReaderAsync();
                await reader.ReadAsync();
                if (reader.GetInt32(0) != pid) continue;
                var left = reader.IsDBNull(1) ? null : reader.GetString(1);
                await reader.DisposeAsync();
                await using (var reset = new NpgsqlCommand("reset rornational_test.left_by", next)) await reset.ExecuteNonQueryAsync();
                Assert.That(left, Is.EqualTo("connection_defaults"), "the session of the connection given back, as it was left: no RESET ALL before its next use");
                return;
            }
            Assert.Fail("the pool never handed that session out again");
        }
        finally
        {
            foreach (var connection in held) await connection.DisposeAsync();
        }
    }

    [TestCase("Host=db;Database=ror", 5, ConnectionStringDefaults.PreparedStatements, true, 60)]
    [TestCase("Host=db;Database=ror;Max Auto Prepare=0", 5, 0, true, 60)]
    [TestCase("Host=db;Database=ror;maxautoprepare=20;timeout=30", 30, 20, true, 60)]
    [TestCase("Host=db;Database=ror;TIMEOUT=2", 2, ConnectionStringDefaults.PreparedStatements, true, 60)]
    [TestCase("Host=db;Database=ror;No Reset On Close=false;Connection Lifetime=0", 5, ConnectionStringDefaults.PreparedStatements, false, 0)]
    [TestCase("Host=db;Database=ror;noresetonclose=False", 5, ConnectionStringDefaults.PreparedStatements, false, 60)]
    [TestCase("Host=db;Database=ror;connectionlifetime=600", 5, ConnectionStringDefaults.PreparedStatements, true, 600)]
    [TestCase("Host=db;Database=ror;Load Balance Timeout=30", 5, ConnectionStringDefaults.PreparedStatements, true, 30)]
    public void what_the_connection_string_says_wins_over_the_defaults(string given, int timeout, int maxAutoPrepare, bool noResetOnClose, int lifetime)
    {
        var applied = new NpgsqlConnectionStringBuilder(ConnectionStringDefaults.Apply(given));

        Assert.That((applied.Timeout, applied.MaxAutoPrepare, applied.NoResetOnClose, applied.ConnectionLifetime),
            Is.EqualTo((timeout, maxAutoPrepare, noResetOnClose, lifetime)));
    }

    [TestCase("Host=db;Database=ror", null, "-c default_toast_compression=lz4")]
    [TestCase("Host=db;Database=ror;Options=-c search_path=ror", null, "-c search_path=ror -c default_toast_compression=lz4")]
    [TestCase("Host=db;Database=ror;Options=-c default_toast_compression=pglz", null, "-c default_toast_compression=pglz")]
    [TestCase("Host=db;Database=ror;Options=--default-toast-compression=pglz", null, "--default-toast-compression=pglz")]
    [TestCase("Host=db;Database=ror;Options=-c DEFAULT_TOAST_COMPRESSION=pglz", null, "-c DEFAULT_TOAST_COMPRESSION=pglz")]
    [TestCase("Host=db;Database=ror", "-c search_path=ror", "-c search_path=ror -c default_toast_compression=lz4")]
    [TestCase("Host=db;Database=ror", "-c default_toast_compression=pglz", null)]
    [TestCase("Host=db;Database=ror;Options=-c work_mem=8MB", "-c search_path=ror", "-c work_mem=8MB -c default_toast_compression=lz4")]
    public void toast_compression_is_lz4_unless_the_options_choose(string given, string? pgOptions, string? options)
    {
        var applied = new NpgsqlConnectionStringBuilder(ConnectionStringDefaults.Apply(given, pgOptions));

        Assert.That(applied.Options, Is.EqualTo(options), "null: PGOPTIONS is left to Npgsql as it is");
    }
    [TestCase("Host=db;Database=ror", 0)]
    [TestCase("Host=db;Database=ror;Command Timeout=600", 600)]
    [TestCase("Host=db;Database=ror;commandtimeout=45", 45)]
    public void db_apply_runs_without_a_command_timeout_unless_the_connection_string_sets_one(string given, int commandTimeout)
    {
        var applied = new NpgsqlConnectionStringBuilder(ConnectionStringDefaults.ForSchemaCommand(ConnectionStringDefaults.Apply(given)));

        Assert.That(applied.CommandTimeout, Is.EqualTo(commandTimeout));
        Assert.That(SchemaMigrationPolicy.AppliesNow(["RorNational.Host.dll", "db-apply"]), Is.True);
        Assert.That(SchemaMigrationPolicy.AppliesNow(["RorNational.Host.dll", "db-assert"]) || SchemaMigrationPolicy.AppliesNow(["RorNational.Host.dll"]), Is.False);
    }
}
