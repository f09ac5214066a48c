using System.Globalization;
using Npgsql;
using RorNational.Domain.Common;
using RorNational.Security.Http;

namespace RorNational.Fhir.Search.Querying;

/// <summary>
/// The statement timeout of a search (Search:StatementTimeout), set on its own transaction, and
/// what a search that runs past it, or finds the database unreachable, answers: 503 with
/// Retry-After (the request may succeed later, or narrowed), never a 500.
/// </summary>
public static class SearchTimeout
{
    /// <summary>PostgreSQL's query_canceled: a statement timeout, or a cancellation.</summary>
    private const string QueryCanceled = "57014";

    /// <summary>SET LOCAL: the bound ends with the search's transaction, never leaks to the pooled connection.</summary>
    public static string SetLocal(TimeSpan timeout) =>
        "set local statement_timeout = " + Math.Max(1, (long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    /// <summary>True for a timeout or an unreachable database, not for the caller hanging up.</summary>
    public static bool IsUnavailable(Exception exception, CancellationToken cancellation) =>
        !cancellation.IsCancellationRequested && exception switch
        {
            PostgresException postgres => postgres.SqlState == QueryCanceled,
            NpgsqlException npgsql => npgsql.InnerException is TimeoutException || npgsql.IsTransient,
            TimeoutException => true,
            _ => false,
        };

    public static HttpRefusal Rejection(Exception exception, TimeSpan timeout) =>
        new HttpRefusal(HttpRefusalKind.Unavailable, exception is PostgresException or NpgsqlException { InnerException: TimeoutException } or TimeoutException
            ? $"the search ran longer than this server allows ({timeout.TotalSeconds:0.###} s, Search:StatementTimeout): try again later or narrow it"
            : "the database cannot be reached now: try again later");
}
