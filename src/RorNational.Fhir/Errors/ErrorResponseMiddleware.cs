using System.Diagnostics;
using System.Net;
using Hl7.Fhir.Model;
using JasperFx.Events;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RorNational.Domain.Capacity;
using RorNational.Domain.Common;
using RorNational.Security.Http;

namespace RorNational.Fhir.Errors;

/// <summary>
/// The one place where failures become HTTP answers: every route answers errors with a FHIR
/// OperationOutcome. Refusals carry what the caller must fix; anything unexpected is logged
/// with its trace id and nothing of it is leaked.
/// </summary>
public sealed class ErrorResponseMiddleware(RequestDelegate next, ILogger<ErrorResponseMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (ClientHungUp(context, exception))
        {
            // Nobody is left to answer; nothing failed on our side. The connection is closed
            // rather than kept alive: Kestrel would otherwise try to drain a body whose reader
            // the reset left mid-read, and log that as an error.
            logger.LogDebug("The client hung up during {Method} {Path} ({Failure})", context.Request.Method, context.Request.Path, exception.GetType().Name);
            context.Abort();
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            switch (AsRefusal(context.Request, exception))
            {
                case CommandRejected rejection:
                    await Write(context, OperationOutcomes.StatusOf(rejection.Kind), OperationOutcomes.From(rejection));
                    return;
                case CapacityChangeRefused capacity:
                    await Write(context, CapacityOutcomes.StatusOf(capacity.Kind), CapacityOutcomes.From(capacity));
                    return;
                case HttpRefusal refusal:
                    await WriteRefusal(context, refusal);
                    return;
                default:
                    var traceId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
                    logger.LogError(exception, "Unhandled failure on {Method} {Path} (trace {TraceId})",
                        context.Request.Method, context.Request.Path, traceId);
                    await Write(context, HttpStatusCode.InternalServerError, OperationOutcomes.InternalError(traceId));
                    return;
            }
        }
    }

    /// <summary>
    /// The request was aborted by its client: the connection reset (seen by the server before it
    /// flags the request aborted), the request cancelled or its connection closed while served, or
    /// its body ended before its Content-Length because the client went away in the middle.
    /// </summary>
    private static bool ClientHungUp(HttpContext context, Exception exception) =>
        Chain(exception).Any(e => e is ConnectionResetException
                                  || (e is BadHttpRequestException bad && bad.Message.StartsWith(TruncatedBody, StringComparison.Ordinal)))
        || (context.RequestAborted.IsCancellationRequested && Chain(exception).Any(e => e is OperationCanceledException or IOException));

    /// <summary>Kestrel's refusal of a body cut short by its client.</summary>
    private const string TruncatedBody = "Unexpected end of request content";

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException) yield return e;
    }

    /// <summary>A business refusal (<see cref="CommandRejected"/>, <see cref="CapacityChangeRefused"/>) or one of the HTTP exchange (<see cref="HttpRefusal"/>); null for a failure.</summary>
    private static Exception? AsRefusal(HttpRequest request, Exception exception) => exception switch
    {
        CommandRejected or HttpRefusal or CapacityChangeRefused => exception,
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new HttpRefusal(HttpRefusalKind.PayloadTooLarge,
            "the request body is larger than this server accepts on this route; see the limits in the README"),
        BadHttpRequestException bad => CommandRejected.Because(RejectionKind.Invalid, bad.Message),
        _ when ConcurrentWrites.Is(exception) => ConcurrentChange(request),
        _ => DatabaseUnavailable.AsRefusal(exception),
    };

    /// <summary>
    /// Another request changed the stream between its fetch and this one's commit: the version
    /// the caller named in If-Match is stale (412), as it would have been had it come later; a
    /// caller that named none gets 409.
    /// </summary>
    private static CommandRejected ConcurrentChange(HttpRequest request) => request.Headers.IfMatch.Count > 0
        ? CommandRejected.Because(RejectionKind.PreconditionFailed,
            "the resource was changed by another request at the same time: the version in If-Match is no longer its version; read it again and retry",
            "If-Match")
        : CommandRejected.Because(RejectionKind.Conflict,
            "the resource was changed by another request at the same time; read it again and retry");

    /// <summary>A refusal of the HTTP exchange: its status, its OperationOutcome, and its WWW-Authenticate or Retry-After.</summary>
    public static Task WriteRefusal(HttpContext context, HttpRefusal refusal)
    {
        if (OperationOutcomes.RetryAfterOf(refusal) is { } retryAfter)
            // Set as the response starts: writing the OperationOutcome clears the headers first.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.RetryAfter = retryAfter;
                return Task.CompletedTask;
            });
        return Write(context, OperationOutcomes.StatusOf(refusal.Kind), OperationOutcomes.From(refusal), OperationOutcomes.ChallengeOf(refusal));
    }

    public static Task Write(HttpContext context, HttpStatusCode status, OperationOutcome outcome, string? challenge = null)
    {
        context.Response.Clear();
        if (challenge is not null) context.Response.Headers.WWWAuthenticate = challenge;
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = FhirJson.ContentType;
        return context.Response.WriteAsync(FhirJson.Serialize(outcome));
    }
}
