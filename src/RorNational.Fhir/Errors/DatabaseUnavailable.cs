using Npgsql;
using RorNational.Domain.Common;
using RorNational.Security.Http;

namespace RorNational.Fhir.Errors;

/// <summary>
/// Failures to reach PostgreSQL, found anywhere in an exception's chain (Marten wraps them):
/// the server down, restarting or refusing connections, a connection cut, too many
/// connections. The request did nothing; the client may retry: 503 with Retry-After.
/// </summary>
public static class DatabaseUnavailable
{
    private const string Reason = "the database is unavailable for the moment; retry later";

    /// <summary>SQLSTATEs of a server that cannot serve connections now (classes 08, 53, 57P).</summary>
    private static readonly HashSet<string> Unavailable =
    [
        "57P01", // admin_shutdown: the connection was terminated
        "57P02", // crash_shutdown
        "57P03", // cannot_connect_now: the server is starting or stopping
        "53000", // insufficient_resources
        "53300", // too_many_connections
        "08000", "08001", "08003", "08004", "08006", // connection exceptions
        "3D000", // invalid_catalog_name: the database is gone (renamed, dropped, restoring)
    ];

    public static HttpRefusal? AsRefusal(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return Unavailable.Contains(postgres.SqlState) ? new HttpRefusal(HttpRefusalKind.Unavailable, Reason) : null;
                case NpgsqlException { IsTransient: true }:
                    return new HttpRefusal(HttpRefusalKind.Unavailable, Reason);
            }
        }
        return null;
    }
}
