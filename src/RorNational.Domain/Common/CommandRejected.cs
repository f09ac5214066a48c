namespace RorNational.Domain.Common;

/// <summary>Why a command or a request was refused; the HTTP layer maps each to a status.</summary>
public enum RejectionKind
{
    /// <summary>The input is malformed or incomplete (400).</summary>
    Invalid,
    /// <summary>The target does not exist (404).</summary>
    NotFound,
    /// <summary>The target existed and was retired (410).</summary>
    Gone,
    /// <summary>The target changed or exists in a conflicting state (409).</summary>
    Conflict,
    /// <summary>The caller's expected version does not match (412).</summary>
    PreconditionFailed,
    /// <summary>Well-formed, but a business rule forbids it (422).</summary>
    BusinessRule,
    /// <summary>The route exists but does not take this method (405, with the Allow header).</summary>
    MethodNotAllowed,
    /// <summary>The body is in a format the route does not take (415).</summary>
    UnsupportedMediaType,
    /// <summary>The response cannot be given in any format the caller accepts (406).</summary>
    NotAcceptable,
    /// <summary>The request carries no credentials where they are needed (401).</summary>
    Unauthorized,
    /// <summary>The request's bearer token is refused: expired, badly signed, for another audience, of an unknown client (401).</summary>
    InvalidToken,
    /// <summary>The caller is known but may not do this (403); the answer says nothing of the target.</summary>
    Forbidden,
    /// <summary>The body, or one of its parts, is larger than the route takes (413).</summary>
    PayloadTooLarge,
    /// <summary>
    /// The server cannot answer now (database unreachable, statement timeout, pool exhausted): try
    /// again later (503 with Retry-After). Nothing has been written.
    /// </summary>
    Unavailable,
}

/// <summary>One thing the caller must fix, with the path of the field at fault when there is one.</summary>
public sealed record Problem(string Message, string? Field = null);

/// <summary>
/// The one exception type for refused requests. Nothing has been written when it is thrown.
/// </summary>
public sealed class CommandRejected(RejectionKind kind, IReadOnlyList<Problem> problems)
    : Exception(string.Join("; ", problems.Select(p => p.Field is null ? p.Message : $"{p.Field}: {p.Message}")))
{
    public RejectionKind Kind { get; } = kind;
    public IReadOnlyList<Problem> Problems { get; } = problems;

    public static CommandRejected Because(RejectionKind kind, string message, string? field = null) =>
        new(kind, [new Problem(message, field)]);

    /// <summary>Throws an <see cref="RejectionKind.Invalid"/> rejection when there are problems.</summary>
    public static void ThrowIfAny(IReadOnlyList<Problem> problems)
    {
        if (problems.Count > 0) throw new CommandRejected(RejectionKind.Invalid, problems);
    }
}
