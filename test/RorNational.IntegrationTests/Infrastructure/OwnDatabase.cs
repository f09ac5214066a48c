namespace RorNational.IntegrationTests.Infrastructure;

/// <summary>
/// A test class whose every test gets a database of its own, created empty before it and dropped
/// after: for what changes the schema (a migration from an older layout). <see cref="Host"/>
/// starts the application on it, applying the schema at start-up.
/// </summary>
public abstract class OwnDatabase
{
    protected string Database { get; private set; } = "";

    [SetUp]
    public async Task CreateDatabase() => Database = await TestPostgres.CreateDatabase(GetType().Name);

    [TearDown]
    public async Task DropDatabase() => await TestPostgres.DropDatabase(Database);

    /// <summary>
    /// The database as an older release left it: the schema applied, then <paramref name="table"/>
    /// dropped and the table that held its rows before created instead (<paramref name="createOlderTable"/>),
    /// for the migration that creates <paramref name="table"/> to fill it from there.
    /// </summary>
    protected async Task WithOlderTableInsteadOf(string table, string createOlderTable)
    {
        await using (var first = Host()) await first.Store.Storage.Database.AssertDatabaseMatchesConfigurationAsync();
        await Sql.Execute(Database, $"drop table {table}; {createOlderTable}");
    }

    protected RorNationalApp Host() =>
        new(Database, TimeProvider.System, _ => { }, new Dictionary<string, string?> { ["Database:ApplyChangesOnStartup"] = "true" });
}
