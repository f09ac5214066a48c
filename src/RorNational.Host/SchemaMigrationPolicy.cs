using JasperFx;
using RorNational.Security.Tokens;

namespace RorNational.Host;

/// <summary>
/// Whether the host changes the database schema by itself. Production does not: the schema
/// (Marten's documents and events, Wolverine's message storage, the search index tables and
/// pg_trgm) is applied by an explicit `db-apply` (build/run runs it before starting the host),
/// checked by `db-assert`, and the host neither migrates at start-up nor creates a missing
/// table at first use. Development and Testing apply everything at start-up, as before.
/// `Database:ApplyChangesOnStartup` (true/false) overrides the environment's default.
/// </summary>
public static class SchemaMigrationPolicy
{
    public const string SettingName = "Database:ApplyChangesOnStartup";

    public static bool AppliesOnStartup(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>(SettingName)
        ?? (environment.IsDevelopment() || environment.IsEnvironment(DevelopmentKeyRule.TestingEnvironment));

    /// <summary>
    /// Whether this process runs <c>db-apply</c>: its statements are not bounded by the command
    /// timeout of the connection string (<see cref="ConnectionStringDefaults.ForSchemaCommand"/>),
    /// since a migration may copy or index a national table for minutes (the versions' table,
    /// filled from the older store when it is created).
    /// </summary>
    public static bool AppliesNow(IReadOnlyList<string> commandLine) =>
        commandLine.Skip(1).FirstOrDefault() is { } command && command.Equals("db-apply", StringComparison.OrdinalIgnoreCase);

    /// <summary>What Marten and Wolverine may create at run time: everything, or nothing.</summary>
    public static AutoCreate RuntimeCreation(bool appliesOnStartup) =>
        appliesOnStartup ? AutoCreate.CreateOrUpdate : AutoCreate.None;
}
