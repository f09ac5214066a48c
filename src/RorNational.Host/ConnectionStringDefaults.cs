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
/// it is, instead of Npgsql making the next use of it send <c>SET SESSION AUTHORIZATION DEFAULT;
/// RESET ALL; CLOSE ALL; UNLISTEN *; SELECT pg_advisory_unlock_all()</c> first. A FHIR read takes
/// and gives back a connection, so it paid those five statements on every request: PostgreSQL's CPU
/// per read fell from 0.14 to 0.09 ms without them (docs/benchmarks.md). Nothing the host runs leaves
/// session state behind: its settings are <c>SET LOCAL</c> or <c>set_config(..., true)</c> (the
/// transaction's), its locks <c>pg_advisory_xact_lock</c>, and the session locks that hold a
/// leadership (the subscription delivery lead, Marten's and Wolverine's) live on connections kept
/// for them and are released by name before those are given back. A deployment whose own code
/// leaves session state on the store's connections sets <c>No Reset On Close=false</c>.</item>
/// </list>
/// </summary>
public static class ConnectionStringDefaults
{
    public static readonly TimeSpan ConnectionWait = TimeSpan.FromSeconds(5);

    public const int PreparedStatements = 100;

    public const string ToastCompressionOption = "-c default_toast_compression=lz4";

    public static string Apply(string connectionString) => Apply(connectionString, Environment.GetEnvironmentVariable("PGOPTIONS"));

    /// <param name="environmentOptions">What <c>PGOPTIONS</c> says: Npgsql's <c>Options</c> when the connection string has none.</param>
    public static string Apply(string connectionString, string? environmentOptions)
    {
        var given = new NpgsqlConnectionStringBuilder(connectionString);
        var said = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!said.ContainsKey("Timeout"))
            given.Timeout = (int)ConnectionWait.TotalSeconds;
        if (!(said.ContainsKey("Max Auto Prepare") || said.ContainsKey("MaxAutoPrepare")))
            given.MaxAutoPrepare = PreparedStatements;
        if (!(said.ContainsKey("No Reset On Close") || said.ContainsKey("NoResetOnClose")))
            given.NoResetOnClose = true;
        var options = given.Options ?? environmentOptions;
        if (!NamesToastCompression(options))
            given.Options = string.IsNullOrWhiteSpace(options) ? ToastCompressionOption : $"{options} {ToastCompressionOption}";
        return given.ConnectionString;
    }

    // PostgreSQL takes "-c name=value" and "--name=value", with dashes for underscores, in any case.
    private static bool NamesToastCompression(string? options) =>
        options is not null && options.Replace('-', '_').Contains("default_toast_compression", StringComparison.OrdinalIgnoreCase);
}
