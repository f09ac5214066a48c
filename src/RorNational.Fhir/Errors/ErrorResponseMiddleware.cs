using System.Diagnostics;
using System.Net;
using Hl7.Fhir.Model;
using JasperFx.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RorNational.Domain.Common;

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
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            var rejection = AsRejection(exception);
            if (rejection is null)
            {
                var traceId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
                logger.LogError(exception, "Unhandled failure on {Method} {Path} (trace {TraceId})",
                    context.Request.Method, context.Request.Path, traceId);
                await Write(context, HttpStatusCode.InternalServerError, OperationOutcomes.InternalError(traceId));
                return;
            }
            if (rejection.Kind == RejectionKind.Unavailable)
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.RetryAfter = OperationOutcomes.RetryAfterSeconds.ToString();
                    return Task.CompletedTask;
                });
            await Write(context, OperationOutcomes.StatusOf(rejection.Kind), OperationOutcomes.From(rejection),
                OperationOutcomes.ChallengeOf(rejection));
        }
    }

    private static CommandRejected? AsRejection(Exception exception) => exception switch
    {
        CommandRejected rejected => rejected,
        BadHttpRequestException bad => CommandRejected.Because(RejectionKind.Invalid, bad.Message),
        Marten.Exceptions.ExistingStreamIdCollisionException or EventStreamUnexpectedMaxEventIdException
            or JasperFx.ConcurrencyException =>
            CommandRejected.Because(RejectionKind.Conflict,
                "the resource was changed by another request at the same time; read it again and retry"),
        _ => null,
    };

    public static Task Write(HttpContext context, HttpStatusCode status, OperationOutcome outcome, string? challenge = null)
    {
        context.Response.Clear();
        if (challenge is not null) context.Response.Headers.WWWAuthenticate = challenge;
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = FhirJson.ContentType;
        return context.Response.WriteAsync(FhirJson.Serialize(outcome));
    }
}
