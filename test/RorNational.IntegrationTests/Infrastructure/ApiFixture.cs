using Marten;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;
using RorNational.Fhir.Search.Indexing;
using RorNational.Offer.FinessImports;

namespace RorNational.IntegrationTests.Infrastructure;

/// <summary>
/// Base of the HTTP test fixtures: one booted application and one database per fixture,
/// emptied before each test.
/// </summary>
public abstract class ApiFixture
{
    private string _connectionString = "";

    protected string ConnectionString => _connectionString;

    protected RorNationalApp App { get; private set; } = null!;

    /// <summary>Calls as <see cref="DefaultClient"/>; <c>App.ClientFor(id)</c> and <c>App.AnonymousClient()</c> give others.</summary>
    protected HttpClient Client { get; private set; } = null!;
    protected FixedClock Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 8, 30, 0, TimeSpan.Zero));

    [OneTimeSetUp]
    public async Task StartApplication()
    {
        _connectionString = await TestPostgres.CreateDatabase(GetType().Name);
        App = new RorNationalApp(_connectionString, Clock, ConfigureServices, Settings);
        if (ServeOverLoopback) App.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        Client = App.ClientFor(DefaultClient);
    }

    /// <summary>The registered client <see cref="Client"/> calls as: by default one with every right.</summary>
    protected virtual string DefaultClient => TestClients.AllRights;

    /// <summary>Configuration of this fixture's host, applied last.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Serve on a real loopback port (Kestrel) for clients outside the process, such as scripts.</summary>
    protected virtual bool ServeOverLoopback => false;

    /// <summary>Lets a fixture add or replace services of the host under test.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>False for fixtures that load their data once and only read it.</summary>
    protected virtual bool ResetBetweenTests => true;

    [SetUp]
    public async Task ResetData()
    {
        if (!ResetBetweenTests) return;
        await ImportsSettled();
        // Work of the previous test may still be finishing (the async daemon catching up):
        // PostgreSQL then picks the truncation as a deadlock victim.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await App.Services.ResetAllMartenDataAsync();
                await EmptyTablesMartenDoesNotReset();
                return;
            }
            catch (PostgresException deadlock) when (deadlock.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                await Task.Delay(100 * attempt);
            }
        }
    }

    /// <summary>
    /// An import a previous test started runs on from Wolverine's durable queue, which resetting
    /// Marten's data does not empty: it would write into this test's data. Its end is awaited.
    /// </summary>
    private async Task ImportsSettled()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var session = App.Store.QuerySession();
            if (!await session.Query<FinessImport>().AnyAsync(i => i.Status == FinessImportStatus.Running)) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("a FINESS import of a previous test is still running after 60 s");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The search index, the resources' versions, the lieux' figures, the Provenance records and the timeline's index are not Marten's:
    /// resetting Marten's data leaves them, and restarts the event sequence their rows point to.
    /// </summary>
    private async Task EmptyTablesMartenDoesNotReset()
    {
        var schema = App.Store.Options.DatabaseSchemaName;
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var truncate = new NpgsqlCommand(
            "truncate " + string.Join(", ", [.. SearchIndexSchema.Tables.Select(table => $"{schema}.{table}"), RorNational.Fhir.Storage.ResourceVersionTable.QualifiedName(schema),
                RorNational.Fhir.Availability.Figures.AvailabilityFiguresTable.QualifiedName(schema),
                RorNational.Fhir.Provenances.ProvenanceRecordTable.QualifiedName(schema),
                RorNational.Offer.History.TimelineTable.QualifiedName(schema)]), connection);
        await truncate.ExecuteNonQueryAsync();
    }

    [OneTimeTearDown]
    public async Task StopApplication()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await TestPostgres.DropDatabase(_connectionString);
    }
}
