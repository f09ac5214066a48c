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
/// <item><c>Options</c> gains <c>-c default_toast_compression=lz4</c> (<see cref="ToastCompression"/>):
/// the documents, versions and events larger than about 2 kB are compressed with lz4 instead of
/// PostgreSQL's default pglz, which costs several times more CPU for the same size on these
/// JSON documents. PostgreSQL's CPU per accepted capacity change fell by about a fifth
/// (docs/benchmarks.md). Values already stored keep their compression; both are read alike.
/// A server built without lz4 refuses the connection: give <c>Options</c> with
/// <c>default_toast_compression</c> (pglz) to keep its default.</item>
/// </list>
/// </summary>
public static class ConnectionStringDefaults
{
    public static readonly TimeSpan ConnectionWait = TimeSpan.FromSeconds(5);

    public const int PreparedStatements = 100;

    public const string ToastCompression = "-c default_toast_compression=lz4";

    public static string Apply(string connectionString)
    {
        var given = new NpgsqlConnectionStringBuilder(connectionString);
        var said = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!said.ContainsKey("Timeout"))
            given.Timeout = (int)ConnectionWait.TotalSeconds;
        if (!(said.ContainsKey("Max Auto Prepare") || said.ContainsKey("MaxAutoPrepare")))
            given.MaxAutoPrepare = PreparedStatements;
        if (given.Options?.Contains("default_toast_compression", StringComparison.Ordinal) != true)
            given.Options = string.IsNullOrWhiteSpace(given.Options) ? ToastCompression : $"{given.Options} {ToastCompression}";
        return given.ConnectionString;
    }
}
