using RorNational.Fhir.Errors;
using RorNational.Security.Http;

namespace RorNational.Host.Overload;

/// <summary>
/// Bounds the writes this process applies at once (<see cref="OverloadSettings.MaxConcurrentWrites"/>
/// while it serves reads, <see cref="OverloadSettings.MaxConcurrentWritesUnread"/> while it serves
/// none: <see cref="WritePlaces"/>), the rest waiting in order of arrival, so that reads and
/// searches keep their share of the cores when every supplier pushes at once: without it, a
/// crisis's Bundles take all the CPU and a regulator's search waits seconds behind them; and
/// when nobody reads, the writes have the cores. A write that found no place within
/// <see cref="OverloadSettings.WriteWait"/>, or that finds the queue full, is answered 503 with
/// Retry-After and applied nowhere (a supplier's retry with the same X-Request-Id or
/// Bundle.identifier is applied once). When a write finds the database unavailable, the writes
/// waiting behind it are refused at once (503) rather than each waiting for the database in turn.
/// Reads and searches (GET, and POST <c>_search</c>) are never held here, only counted while they
/// are served; health checks and the routes that last by design (the FINESS extract upload, the
/// availability stream) are neither held nor counted.
/// </summary>
public sealed class WriteGate(RequestDelegate next, OverloadSettings settings)
{
    /// <summary>Cancelled when a write found the database unavailable, then replaced: what the writes waiting at that moment listen to.</summary>
    private CancellationTokenSource _outage = new();

    // One per process, for its life (middleware are singletons).
    private readonly WritePlaces _places = new(settings.MaxConcurrentWrites, settings.WritesUnread, settings.WriteQueue);

    public async Task InvokeAsync(HttpContext context)
    {
        if (RequestGate.PassesFreely(context))
        {
            await next(context);
            return;
        }
        if (!IsWrite(context.Request))
        {
            // Served at once; meanwhile no write gets a place beyond MaxConcurrentWrites.
            using var reading = _places.Reading();
            await next(context);
            return;
        }
        using var place = await AcquireAsync(context.RequestAborted);
        try
        {
            await next(context);
        }
        catch (Exception e) when (DatabaseUnavailable.AsRefusal(e) is not null)
        {
            // The database is away: each write waiting would hold its place in turn for the connection wait (5 s), the last
            // ones answered only after the sum of them. Refuse those waiting now; the next ones try the database again.
            Interlocked.Exchange(ref _outage, new CancellationTokenSource()).Cancel();
            throw;
        }
    }

    /// <summary>What changes the repository: every method but GET, HEAD and OPTIONS, save a search sent by POST.</summary>
    public static bool IsWrite(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        && !(request.Path.Value ?? "").EndsWith("/_search", StringComparison.Ordinal);

    private async Task<IDisposable> AcquireAsync(CancellationToken aborted)
    {
        var outage = Volatile.Read(ref _outage).Token;
        using var waited = CancellationTokenSource.CreateLinkedTokenSource(aborted, outage);
        waited.CancelAfter(settings.WriteWait);
        IDisposable? place;
        try
        {
            place = await _places.TakeAsync(waited.Token);
        }
        catch (OperationCanceledException) when (outage.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            throw new HttpRefusal(HttpRefusalKind.Unavailable,
                "the database is unavailable for the moment (the write before this one could not reach it); nothing was applied: retry later");
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            throw Busy($"this one could not start within {settings.WriteWait.TotalSeconds:0.#} s");
        }
        return place ?? throw Busy($"has {Writes(settings.WriteQueue)} waiting already");
    }

    private HttpRefusal Busy(string why) => new(HttpRefusalKind.Unavailable,
        $"this server applies {AtOnce()} and {why}; nothing was applied: retry later " +
        "(a supplier's retry with the same X-Request-Id or Bundle.identifier is applied once)");

    private string AtOnce() => settings.WritesUnread == settings.MaxConcurrentWrites
        ? $"{Writes(settings.MaxConcurrentWrites)} at once"
        : $"{Writes(settings.WritesUnread)} at once ({settings.MaxConcurrentWrites} while it serves reads)";

    private static string Writes(int count) => count == 1 ? "1 write" : $"{count} writes";
}
