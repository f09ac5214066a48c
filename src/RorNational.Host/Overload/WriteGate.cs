using System.Threading.RateLimiting;
using RorNational.Security.Http;

namespace RorNational.Host.Overload;

/// <summary>
/// Bounds the writes this process applies at once (<see cref="OverloadSettings.MaxConcurrentWrites"/>),
/// the rest waiting in order of arrival, so that reads and searches keep their share of the
/// cores when every supplier pushes at once: without it, a crisis's Bundles take all the CPU
/// and a regulator's search waits seconds behind them. A write that found no place within
/// <see cref="OverloadSettings.WriteWait"/>, or that finds the queue full, is answered 503 with
/// Retry-After and applied nowhere (a supplier's retry with the same X-Request-Id or
/// Bundle.identifier is applied once). Reads, searches (GET, and POST <c>_search</c>), health
/// checks and the routes that last by design (the FINESS extract upload) do not pass through it.
/// </summary>
public sealed class WriteGate(RequestDelegate next, OverloadSettings settings)
{
    // One per process, for its life (middleware are singletons): never disposed.
    private readonly ConcurrencyLimiter _places = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = settings.MaxConcurrentWrites,
        QueueLimit = settings.WriteQueue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsWrite(context.Request) || RequestGate.LastsByDesign(context))
        {
            await next(context);
            return;
        }
        using var place = await AcquireAsync(context.RequestAborted);
        await next(context);
    }

    /// <summary>What changes the repository: every method but GET, HEAD and OPTIONS, save a search sent by POST.</summary>
    public static bool IsWrite(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        && !(request.Path.Value ?? "").EndsWith("/_search", StringComparison.Ordinal);

    private async Task<RateLimitLease> AcquireAsync(CancellationToken aborted)
    {
        using var waited = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        waited.CancelAfter(settings.WriteWait);
        RateLimitLease place;
        try
        {
            place = await _places.AcquireAsync(1, waited.Token);
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            throw Busy($"this one could not start within {settings.WriteWait.TotalSeconds:0.#} s");
        }
        if (place.IsAcquired) return place;
        place.Dispose();
        throw Busy($"has {Writes(settings.WriteQueue)} waiting already");
    }

    private HttpRefusal Busy(string why) => new(HttpRefusalKind.Unavailable,
        $"this server applies {Writes(settings.MaxConcurrentWrites)} at once and {why}; nothing was applied: retry later " +
        "(a supplier's retry with the same X-Request-Id or Bundle.identifier is applied once)");

    private static string Writes(int count) => count == 1 ? "1 write" : $"{count} writes";
}
