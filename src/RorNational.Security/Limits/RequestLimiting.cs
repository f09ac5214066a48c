using Microsoft.AspNetCore.Http;
using RorNational.Security.Callers;

namespace RorNational.Security.Limits;

/// <summary>
/// Holds every FHIR request to its caller's limit on its kind of route (<see cref="RouteKinds"/>),
/// right after the caller is known and before any endpoint runs: past it, a 429 with Retry-After
/// and an OperationOutcome naming the limit (<see cref="Http.HttpRefusalKind.TooManyRequests"/>,
/// answered by the error middleware). /api and /health are not limited here.
/// </summary>
public sealed class RequestLimiting(RequestDelegate next, ClientLimiters limiters)
{
    public Task InvokeAsync(HttpContext http) =>
        RouteKinds.Of(http.Request) is { } kind && http.Features.Get<Caller>() is { } caller && limiters.For(caller, kind) is { } limiter
            ? Limited(http, limiter)
            : next(http);

    private async Task Limited(HttpContext http, KindLimiter limiter)
    {
        using var place = limiter.Enter();
        await next(http);
    }
}
