using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Weasel.Core;
using RorNational.Domain;
using RorNational.Fhir;
using RorNational.Fhir.Export.Running;
using RorNational.Offer;
using RorNational.Host.Nodes;
using RorNational.Offer.FinessImports;
using RorNational.ReferenceData;
using RorNational.Security.Tokens;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace RorNational.Host;

/// <summary>Marten (event store and documents on PostgreSQL) and Wolverine, wired once.</summary>
public static class EventStoreConfiguration
{
    public const string ConnectionStringName = "RorNational";
    public const string StaleSequenceThresholdSetting = "Projections:StaleSequenceThreshold";
    public const string WolverineManagedProjectionsSetting = "Nodes:WolverineManagedProjections";

    public static WebApplicationBuilder AddEventStore(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"No PostgreSQL connection string: set ConnectionStrings__{ConnectionStringName} " +
                "(build/run starts a local cluster and sets it for you).");
        connectionString = ConnectionStringDefaults.Apply(connectionString);
        if (SchemaMigrationPolicy.AppliesNow(Environment.GetCommandLineArgs())) connectionString = ConnectionStringDefaults.ForSchemaCommand(connectionString);
        var schema = builder.Configuration["Database:Schema"] ?? "ror";
        var appliesOnStartup = SchemaMigrationPolicy.AppliesOnStartup(builder.Configuration, builder.Environment);
        var typeLoadMode = CodeGenerationPolicy.TypeLoadMode(builder.Configuration, builder.Environment);
        var nodes = builder.Configuration.ReadNodeSettings();
        var staleSequenceThreshold = builder.Configuration.GetValue(StaleSequenceThresholdSetting, TimeSpan.FromSeconds(15));

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddFhir(Territory.Default, builder.Configuration);
        builder.Services.AddOffer();
        // Marten and Wolverine read their code generation mode from the profile of the environment.
        builder.Services.CritterStackDefaults(defaults =>
        {
            defaults.Development.GeneratedCodeMode = typeLoadMode;
            defaults.Production.GeneratedCodeMode = typeLoadMode;
        });
        var marten = builder.Services.AddMarten(options =>
            {
                options.Connection(connectionString);
                options.DatabaseSchemaName = schema;
                options.AutoCreateSchemaObjects = SchemaMigrationPolicy.RuntimeCreation(appliesOnStartup);
                // Every enum of every document and event is stored by name, as LINQ compares it
                // (a [JsonConverter] on one enum made its documents disagree with their queries).
                // Older rows holding numbers are still read.
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
                options.Events.StreamIdentity = StreamIdentity.AsString;
                // Versions are known before commit, so inline projections stamp meta.versionId.
                options.Events.AppendMode = EventAppendMode.Rich;
                // DistributedLock.Postgres 1.3.1 (see build/shims) refuses session advisory
                // locks on a DbDataSource: the daemon takes transactional ones instead.
                options.Events.UseAdvisoryLockTransaction = true;
                // An append reserves its sequence numbers, runs the inline projections, then commits:
                // under load that takes seconds. The async daemon waits this long for a hole in the
                // sequence to fill before it skips it for good (a failed append fills its own hole
                // with tombstones: only a writer that died mid-append leaves one for this long).
                options.Projections.StaleSequenceThreshold = staleSequenceThreshold;
                foreach (var (type, name) in EventCatalogue.StoredNames) options.Events.MapEventType(type, name);
                options.OpenTelemetry.TrackConnections = JasperFx.OpenTelemetry.TrackLevel.Normal;
                options.OpenTelemetry.TrackEventCounters();
                options.ConfigureOffer();
                options.ConfigureFhir(Territory.Default);
            })
            .UseLightweightSessions();
        if (appliesOnStartup) marten.ApplyAllDatabaseChangesOnStartup();
        // The Provenance of writes, appended to the audit chain in event order by the async daemon.
        marten.AddSubscriptionWithServices<RorNational.Fhir.Provenances.ProvenanceChaining>(ServiceLifetime.Singleton);
        // Published writes matched to the change Subscriptions, numbered per subscription in the same order.
        marten.AddSubscriptionWithServices<RorNational.Fhir.Subscriptions.Matching.NotificationMatching>(ServiceLifetime.Singleton);
        // Several nodes: Wolverine's leader assigns each asynchronous projection to one live node,
        // and moves it when that node stops or dies (see Nodes/NodeSettings.cs). The in-process test
        // fixtures (one node each) reset the data between tests, which pauses Marten's own daemon
        // only: they keep it (HotCold), unless Nodes:WolverineManagedProjections says otherwise.
        var wolverineManaged = builder.Configuration.GetValue<bool?>(WolverineManagedProjectionsSetting)
            ?? !builder.Environment.IsEnvironment(DevelopmentKeyRule.TestingEnvironment);
        if (!wolverineManaged) marten.AddAsyncDaemon(DaemonMode.HotCold);
        marten.IntegrateWithWolverine(integration =>
        {
            integration.MessageStorageSchemaName = schema;
            integration.UseWolverineManagedEventSubscriptionDistribution = wolverineManaged;
        });

        builder.Host.UseWolverine(options =>
        {
            options.Discovery.IncludeAssembly(typeof(FhirModule).Assembly);
            options.Discovery.IncludeAssembly(typeof(OfferModule).Assembly);
            options.Policies.AutoApplyTransactions();
            options.AutoBuildMessageStorageOnStartup = SchemaMigrationPolicy.RuntimeCreation(appliesOnStartup);
            options.CodeGeneration.TypeLoadMode = typeLoadMode;
            // Nodes:StaleNodeTimeout and the like: how soon a dead node's projections and queued work are taken over.
            options.ConfigureNodes(nodes);
            options.ConfigureFinessImports();
            options.ConfigureExports();
        });
        // Marten's own logger writes command parameters (whole documents and events) on failure.
        builder.Services.ConfigureMarten((services, options) =>
            options.Logger(new MartenLogWithoutParameters(services.GetRequiredService<ILoggerFactory>().CreateLogger("Marten"))));
        builder.Services.AddWolverineHttp();
        builder.Services.AddNodeIdentityLog();
        return builder;
    }
}
