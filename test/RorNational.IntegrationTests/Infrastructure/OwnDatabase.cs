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

    protected RorNationalApp Host() =>
        new(Database, TimeProvider.System, _ => { }, new Dictionary<string, string?> { ["Database:ApplyChangesOnStartup"] = "true" });
}
