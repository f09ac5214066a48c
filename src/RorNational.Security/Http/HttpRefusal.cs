namespace RorNational.Security.Http;

/// <summary>
/// Refusals of the HTTP exchange itself, not of the business: who calls, in what format, how
/// big, whether the server can answer now. The domain knows none of them (its refusals are
/// <c>CommandRejected</c>); the host's error middleware answers both with an OperationOutcome.
/// </summary>
public enum HttpRefusalKind
{
    /// <summary>No credentials where they are needed (401, WWW-Authenticate: Bearer).</summary>
    Unauthorized,
    /// <summary>A bearer token refused: expired, badly signed, for another audience, of an unknown client (401, error="invalid_token").</summary>
    InvalidToken,
    /// <summary>The caller is known but may not do this (403); the answer says nothing of the target.</summary>
    Forbidden,
    /// <summary>The route exists but does not take this method (405, with the Allow header).</summary>
    MethodNotAllowed,
    /// <summary>The response cannot be given in any format the caller accepts (406).</summary>
    NotAcceptable,
    /// <summary>The body, or one of its parts, is larger than the route takes (413).</summary>
    PayloadTooLarge,
    /// <summary>The body is in a format the route does not take (415).</summary>
    UnsupportedMediaType,
    /// <summary>
    /// The server cannot answer now (database unreachable, statement timeout, pool exhausted): try
    /// again later (503 with Retry-After). Nothing has been written.
    /// </summary>
    Unavailable,
    /// <summary>
    /// The caller went past one of its limits (a rate, a number of requests at a time): 429 with
    /// Retry-After (<see cref="HttpRefusal.RetryAfter"/>). Nothing has been done.
    /// </summary>
    TooManyRequests,
}

/// <summary>The one exception type for refusals of the HTTP exchange; nothing has been written when it is thrown.</summary>
public sealed class HttpRefusal(HttpRefusalKind kind, string message) : Exception(message)
{
    public HttpRefusalKind Kind { get; } = kind;

    /// <summary>When the caller may try again, for <see cref="HttpRefusalKind.TooManyRequests"/>; null: the server's default.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
