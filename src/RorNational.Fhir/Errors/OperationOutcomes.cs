using System.Net;
using Hl7.Fhir.Model;
using RorNational.Domain.Common;
using RorNational.Security.Http;

namespace RorNational.Fhir.Errors;

/// <summary>The OperationOutcome and HTTP status of each kind of refusal.</summary>
public static class OperationOutcomes
{
    public static HttpStatusCode StatusOf(RejectionKind kind) => kind switch
    {
        RejectionKind.Invalid => HttpStatusCode.BadRequest,
        RejectionKind.NotFound => HttpStatusCode.NotFound,
        RejectionKind.Gone => HttpStatusCode.Gone,
        RejectionKind.Conflict => HttpStatusCode.Conflict,
        RejectionKind.PreconditionFailed => HttpStatusCode.PreconditionFailed,
        RejectionKind.BusinessRule => HttpStatusCode.UnprocessableEntity,
        _ => HttpStatusCode.InternalServerError,
    };

    public static HttpStatusCode StatusOf(HttpRefusalKind kind) => kind switch
    {
        HttpRefusalKind.MethodNotAllowed => HttpStatusCode.MethodNotAllowed,
        HttpRefusalKind.UnsupportedMediaType => HttpStatusCode.UnsupportedMediaType,
        HttpRefusalKind.NotAcceptable => HttpStatusCode.NotAcceptable,
        HttpRefusalKind.Unauthorized or HttpRefusalKind.InvalidToken => HttpStatusCode.Unauthorized,
        HttpRefusalKind.Forbidden => HttpStatusCode.Forbidden,
        HttpRefusalKind.PayloadTooLarge => HttpStatusCode.RequestEntityTooLarge,
        HttpRefusalKind.Unavailable => HttpStatusCode.ServiceUnavailable,
        HttpRefusalKind.TooManyRequests => HttpStatusCode.TooManyRequests,
        _ => HttpStatusCode.InternalServerError,
    };

    private static OperationOutcome.IssueType IssueTypeOf(RejectionKind kind) => kind switch
    {
        RejectionKind.Invalid => OperationOutcome.IssueType.Invalid,
        RejectionKind.NotFound => OperationOutcome.IssueType.NotFound,
        RejectionKind.Gone => OperationOutcome.IssueType.Deleted,
        RejectionKind.Conflict => OperationOutcome.IssueType.Conflict,
        RejectionKind.PreconditionFailed => OperationOutcome.IssueType.Conflict,
        RejectionKind.BusinessRule => OperationOutcome.IssueType.BusinessRule,
        _ => OperationOutcome.IssueType.Exception,
    };

    private static OperationOutcome.IssueType IssueTypeOf(HttpRefusalKind kind) => kind switch
    {
        HttpRefusalKind.MethodNotAllowed or HttpRefusalKind.UnsupportedMediaType or HttpRefusalKind.NotAcceptable => OperationOutcome.IssueType.NotSupported,
        HttpRefusalKind.Unauthorized or HttpRefusalKind.InvalidToken => OperationOutcome.IssueType.Login,
        HttpRefusalKind.Forbidden => OperationOutcome.IssueType.Forbidden,
        HttpRefusalKind.PayloadTooLarge => OperationOutcome.IssueType.TooCostly,
        HttpRefusalKind.Unavailable => OperationOutcome.IssueType.Transient,
        HttpRefusalKind.TooManyRequests => OperationOutcome.IssueType.Throttled,
        _ => OperationOutcome.IssueType.Exception,
    };

    /// <summary>
    /// The WWW-Authenticate challenge of a 401 (RFC 6750): plain "Bearer" when no token was
    /// sent, with error="invalid_token" and the reason when one was refused; null otherwise.
    /// </summary>
    public static string? ChallengeOf(HttpRefusal refusal) => refusal.Kind switch
    {
        HttpRefusalKind.Unauthorized => "Bearer",
        HttpRefusalKind.InvalidToken =>
            $"Bearer error=\"invalid_token\", error_description=\"{refusal.Message.Replace("\"", "'").Replace("\\", "/")}\"",
        _ => null,
    };

    /// <summary>Seconds a caller should wait before retrying a 503.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The Retry-After header of a refusal (503, 429), in seconds; null for refusals that take none.</summary>
    public static string? RetryAfterOf(HttpRefusal refusal) => refusal.Kind switch
    {
        HttpRefusalKind.Unavailable => RetryAfterSeconds.ToString(),
        HttpRefusalKind.TooManyRequests => Math.Max(1, (int)Math.Ceiling((refusal.RetryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds)).ToString(),
        _ => null,
    };

    public static OperationOutcome From(CommandRejected rejection) => new()
    {
        Issue = rejection.Problems.Select(p => new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Error,
            Code = IssueTypeOf(rejection.Kind),
            Diagnostics = p.Field is null ? p.Message : $"{p.Field}: {p.Message}",
            Expression = p.Field is null ? [] : [p.Field],
        }).ToList(),
    };

    public static OperationOutcome From(HttpRefusal refusal) => new()
    {
        Issue =
        [
            new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Error,
                Code = IssueTypeOf(refusal.Kind),
                Diagnostics = refusal.Message,
            },
        ],
    };

    /// <summary>For failures whose cause stays in the logs: only the trace id is given out.</summary>
    public static OperationOutcome InternalError(string traceId) => new()
    {
        Issue =
        [
            new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Fatal,
                Code = OperationOutcome.IssueType.Exception,
                Diagnostics = $"Internal error; quote trace id {traceId} to the operators.",
            },
        ],
    };
}
