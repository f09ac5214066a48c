namespace RorNational.Domain.Common;

/// <summary>
/// Why the business refused a command or a request; the HTTP layer maps each to a status. Refusals
/// of the HTTP exchange itself (401, 403, 405, 406, 413, 415, 503) are not the domain's: they are
/// RorNational.Security.Http.HttpRefusal.
/// </summary>
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
}

/// <summary>One thing the caller must fix, with the path of the field at fault when there is one.</summary>
public sealed record Problem(string Message, string? Field = null);

/// <summary>
/// The one exception type for business refusals. Nothing has been written when it is thrown.
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
