using Marten;
using Npgsql;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Hosting;

/// <summary>
/// The search index tables, their indexes and statistics, and pg_trgm are part of Marten's
/// configured schema: applied, patched and asserted with the documents and events (what
/// `db-apply`, `db-patch` and `db-assert` run). A host migrates at start-up only when
/// Database:ApplyChangesOnStartup says so (by default in Development and Testing only).
/// </summary>
public sealed class the_schema_as_code
{
    private string _database = "";

    [SetUp]
    public async Task CreateDatabase() => _database = await TestPostgres.CreateDatabase(nameof(the_schema_as_code));

    [TearDown]
    public async Task DropDatabase() => await TestPostgres.DropDatabase(_database);

    [Test, CancelAfter(120_000)]
    public async Task the_assertion_sees_a_missing_index_statistics_or_table_and_applying_the_configuration_restores_them()
    {
        await using var app = Host(applyOnStartup: true);
        var database = app.Store.Storage.Database;
        await database.AssertDatabaseMatchesConfigurationAsync();

        await Sql("drop index fhir_search_string_trigram");
        var missingIndex = Assert.ThrowsAsync<Weasel.Core.Migrations.DatabaseValidationException>(() => database.AssertDatabaseMatchesConfigurationAsync());
        Assert.That(missingIndex!.Message, Does.Contain("fhir_search_string_trigram"));

        await Sql("drop statistics fhir_search_token_stats; drop table fhir_search_position");
        var missingTable = Assert.ThrowsAsync<Weasel.Core.Migrations.DatabaseValidationException>(() => database.AssertDatabaseMatchesConfigurationAsync());
        Assert.That(missingTable!.Message, Does.Contain("fhir_search_position").And.Contain("fhir_search_token_stats"));

        await app.Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await database.AssertDatabaseMatchesConfigurationAsync();
        Assert.That(await Count("select count(*) from pg_indexes where schemaname = 'ror' and indexname in ('fhir_search_string_trigram', 'fhir_search_position_point')"), Is.EqualTo(2));
        Assert.That(await Count("select count(*) from pg_statistic_ext where stxname = 'fhir_search_token_stats'"), Is.EqualTo(1));
    }

    [Test, CancelAfter(120_000)]
    public async Task a_host_told_not_to_migrate_leaves_the_schema_as_it_found_it_and_one_told_to_restores_it()
    {
        await using (var first = Host(applyOnStartup: true)) await first.Store.Storage.Database.AssertDatabaseMatchesConfigurationAsync();
        await Sql("drop index fhir_search_string_trigram");

        await using (var production = Host(applyOnStartup: false))
        {
            using var client = production.AnonymousClient();
            Assert.That((await client.GetAsync("/health/ready")).IsSuccessStatusCode, Is.True, "it serves");
            Assert.That(await Count("select count(*) from pg_indexes where indexname = 'fhir_search_string_trigram'"), Is.Zero,
                "the host created nothing at start-up");
        }

        await using var migrating = Host(applyOnStartup: true);
        using (var client = migrating.AnonymousClient()) await client.GetAsync("/health/ready");
        Assert.That(await Count("select count(*) from pg_indexes where indexname = 'fhir_search_string_trigram'"), Is.EqualTo(1));
    }

    private RorNationalApp Host(bool applyOnStartup) =>
        new(_database, TimeProvider.System, _ => { },
            new Dictionary<string, string?> { ["Database:ApplyChangesOnStartup"] = applyOnStartup ? "true" : "false" });

    private async Task Sql(string statement)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("set search_path to ror; " + statement, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> Count(string query)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(query, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
