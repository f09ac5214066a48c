using System.Globalization;
using Npgsql;
using RorNational.Domain.Common;
using RorNational.Security.Http;

namespace RorNational.Fhir.Search.Querying;

/// <summary>
/// The statement timeout of a search (Search:StatementTimeout), set on its own transaction, and
/// what a search that runs past it answers: 503 with Retry-After (it may succeed later, or
/// narrowed), never a 500. A database that cannot be reached is not a timeout: it reaches the
/// error middleware, whose <see cref="Errors.DatabaseUnavailable"/> answers it as for every route.
/// </summary>
public static class SearchTimeout
{
    /// <summary>PostgreSQL's query_canceled: a statement timeout, or a cancellation.</summary>
    private const string QueryCanceled = "57014";

    /// <summary>SET LOCAL: the bound ends with the search's transaction, never leaks to the pooled connection.</summary>
    public static string SetLocal(TimeSpan timeout) =>
        "set local statement_timeout = " + Math.Max(1, (long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    /// <summary>True when the search ran out of time (server or client side), not when the caller hung up.</summary>
    public static bool RanOutOfTime(Exception exception, CancellationToken cancellation) =>
        !cancellation.IsCancellationRequested
        && exception is PostgresException { SqlState: QueryCanceled } or NpgsqlException { InnerException: TimeoutException } or TimeoutException;

    public static HttpRefusal Rejection(TimeSpan timeout) =>
        new(HttpRefusalKind.Unavailable,
            $"the search ran longer than this server allows ({timeout.TotalSeconds:0.###} s, Search:StatementTimeout): try again later or narrow it");
}
