using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Timeouts;
using RorNational.Security.Http;

namespace RorNational.Host.Overload;

/// <summary>
/// Bounds the requests this process serves at once and those waiting for a place (oldest
/// first). A request beyond both is refused at once with 503 and Retry-After: when the
/// database slows down or the pool is full, waiting requests stop piling up in memory, and the
/// callers (suppliers retry with the same X-Request-Id) come back later. Health checks pass
/// the gate, so that a saturated node still says how it is, and so do the routes that last by
/// design and carry bounds of their own (<see cref="DisableRequestTimeoutAttribute"/>: the
/// availability event stream, the FINESS extract upload).
/// </summary>
public sealed class RequestGate(RequestDelegate next, OverloadSettings settings)
{
    // One per process, for its life (middleware are singletons): never disposed.
    private readonly ConcurrencyLimiter _places = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = settings.MaxConcurrentRequests,
        QueueLimit = settings.RequestQueue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public async Task InvokeAsync(HttpContext context)
    {
        if (PassesFreely(context))
        {
            await next(context);
            return;
        }
        using var place = await _places.AcquireAsync(1, context.RequestAborted);
        if (!place.IsAcquired)
            throw new HttpRefusal(HttpRefusalKind.Unavailable,
                $"this server is serving as many requests as it takes ({settings.MaxConcurrentRequests}, and {settings.RequestQueue} waiting); retry later");
        await next(context);
    }

    /// <summary>Health checks and the routes that last by design: neither gate holds them, nor counts them.</summary>
    internal static bool PassesFreely(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/health") || LastsByDesign(context);

    private static bool LastsByDesign(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<DisableRequestTimeoutAttribute>() is not null;
}
