using Npgsql;

namespace RorNational.Host;

/// <summary>
/// What the host adds to <c>ConnectionStrings:RorNational</c> when it does not say otherwise:
/// <list type="bullet">
/// <item><c>Timeout</c> = <see cref="ConnectionWait"/>: how long a request waits for a pooled
/// connection (or for PostgreSQL to accept one), Npgsql's 15 s otherwise. Past it the request is
/// answered 503 with Retry-After; the caller may retry sooner than 15 s later.</item>
/// <item><c>Max Auto Prepare</c> = <see cref="PreparedStatements"/>: each connection keeps its
/// most used statements prepared on the server, so PostgreSQL parses and plans them once per
/// connection instead of at every execution. Marten's inserts, upserts and loads repeat the same
/// text thousands of times a second under ingest: PostgreSQL's CPU per accepted capacity change
/// fell by about a third (docs/benchmarks.md). Npgsql prepares a statement after its 5th use
/// (<c>Auto Prepare Min Usages</c>) and evicts the least recently used past the maximum.
/// A deployment behind a pooler that cannot carry prepared statements sets <c>Max Auto Prepare=0</c>.</item>
/// <item><c>Options</c> gains <c>-c default_toast_compression=lz4</c> (<see cref="ToastCompressionOption"/>):
/// values past PostgreSQL's TOAST threshold (about 2 kB: documents and versions) are compressed
/// with lz4 instead of pglz, at a fraction of pglz's CPU (figures: docs/benchmarks.md). Values
/// already stored keep their compression; both are read alike. Needs PostgreSQL 14 or later built
/// with lz4 (Debian's and the PGDG packages are): elsewhere, or behind a pooler that drops startup
/// options, give <c>Options</c> naming <c>default_toast_compression</c> (pglz), which is kept as it
/// is. Without <c>Options</c> in the connection string, the <c>PGOPTIONS</c> environment variable
/// (which Npgsql reads only then) is kept and the flag appended to it.</item>
/// <item><c>No Reset On Close</c> = true: a connection given back to the pool keeps its session as
/// it is. Otherwise Npgsql makes the next use of it send <c>SET SESSION AUTHORIZATION DEFAULT;
/// RESET ALL; CLOSE ALL; UNLISTEN *; SELECT pg_advisory_unlock_all(); DISCARD SEQUENCES; DISCARD
/// TEMP</c> first (<c>DISCARD ALL</c> when it has nothing prepared). A FHIR read takes and gives
/// back a connection, so it paid those statements on every request: PostgreSQL's CPU per read fell
/// by about a third without them (docs/benchmarks.md). What the host's own SQL sets lasts a
/// transaction (<c>SET LOCAL</c>, <c>set_config(..., true)</c>, <c>pg_advisory_xact_lock</c>), and
/// Npgsql rolls back a transaction left open on a connection given back. Session advisory locks
/// live on connections kept for them (the subscription delivery lead's outside the pool,
/// Wolverine's leadership lock) and are released by name.</item>
/// <item><c>Connection Lifetime</c> = <see cref="ConnectionLifetime"/>: a pooled connection older
/// than that is closed when given back, instead of going round again. Without the reset, this is
/// what bounds session state a library leaves on a pooled session on one of its failure paths
/// (Wolverine gives back its leadership connection without unlocking when a check of it times out;
/// that lock then holds the leadership away from every node until its session ends). Reopening
/// each connection once a minute costs PostgreSQL a fork and Npgsql a handshake: nothing next to
/// the reset it replaces. A deployment that keeps the reset (<c>No Reset On Close=false</c>) may
/// give <c>Connection Lifetime=0</c> (no limit).</item>
/// </list>
/// </summary>
public static class ConnectionStringDefaults
{
    public static readonly TimeSpan ConnectionWait = TimeSpan.FromSeconds(5);

    public const int PreparedStatements = 100;

    public static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(1);

    public const string ToastCompressionOption = "-c default_toast_compression=lz4";

    public static string Apply(string connectionString) => Apply(connectionString, Environment.GetEnvironmentVariable("PGOPTIONS"));

    /// <param name="environmentOptions">What <c>PGOPTIONS</c> says: Npgsql's <c>Options</c> when the connection string has none.</param>
    public static string Apply(string connectionString, string? environmentOptions)
    {
        var given = new NpgsqlConnectionStringBuilder(connectionString);
        var said = Said(connectionString);
        bool Says(params string[] names) => ConnectionStringDefaults.Says(said, names);
        if (!Says("Timeout"))
            given.Timeout = (int)ConnectionWait.TotalSeconds;
        if (!Says("Max Auto Prepare", "MaxAutoPrepare"))
            given.MaxAutoPrepare = PreparedStatements;
        if (!Says("No Reset On Close", "NoResetOnClose"))
            given.NoResetOnClose = true;
        if (!Says("Connection Lifetime", "ConnectionLifetime", "Load Balance Timeout"))
            given.ConnectionLifetime = (int)ConnectionLifetime.TotalSeconds;
        var options = given.Options ?? environmentOptions;
        if (!NamesToastCompression(options))
            given.Options = string.IsNullOrWhiteSpace(options) ? ToastCompressionOption : $"{options} {ToastCompressionOption}";
        return given.ConnectionString;
    }

    /// <summary>
    /// For <c>db-apply</c> (<see cref="SchemaMigrationPolicy.AppliesNow"/>): <c>Command Timeout</c> = 0
    /// (none), unless the connection string says otherwise. Npgsql's 30 s would cancel a migration
    /// that copies or indexes a large table, and roll all of it back.
    /// </summary>
    public static string ForSchemaCommand(string connectionString) =>
        Says(Said(connectionString), "Command Timeout", "CommandTimeout") ? connectionString
        : new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString;

    /// <summary>The keys the connection string gives, in any case.</summary>
    private static System.Data.Common.DbConnectionStringBuilder Said(string connectionString) => new() { ConnectionString = connectionString };

    /// <summary>Whether the connection string gives the setting, under any of the names Npgsql takes for it.</summary>
    private static bool Says(System.Data.Common.DbConnectionStringBuilder said, params string[] names) => names.Any(said.ContainsKey);

    // PostgreSQL takes "-c name=value" and "--name=value", with dashes for underscores, in any case.
    private static bool NamesToastCompression(string? options) =>
        options is not null && options.Replace('-', '_').Contains("default_toast_compression", StringComparison.OrdinalIgnoreCase);
}
