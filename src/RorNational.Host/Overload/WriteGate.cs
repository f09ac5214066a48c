using RorNational.Offer.Capacity.Grouping;

namespace RorNational.Host.Overload;

/// <summary>
/// Holds each write request until it has a write turn (<see cref="WriteTurns"/>: at most
/// <see cref="OverloadSettings.MaxConcurrentWrites"/> writes at once while the process serves reads,
/// <see cref="OverloadSettings.MaxConcurrentWritesUnread"/> while it serves none, the rest waiting
/// in order of arrival), so that reads and searches keep their share of the cores when every
/// supplier pushes at once: without it, a crisis's Bundles take all the CPU and a regulator's
/// search waits seconds behind them; and when nobody reads, the writes have the cores.
/// Reads and searches (GET, and POST <c>_search</c>) are never held here, only counted while they
/// are served; health checks and the routes that last by design (the FINESS extract upload, the
/// availability stream) are neither held nor counted. A write's turn is a request feature
/// (<see cref="IHeldWriteTurn"/>): the capacity supply routes give it back once their request is
/// read and checked, and wait for another to apply it with others (<see cref="SupplyGroups"/>).
/// </summary>
public sealed class WriteGate(RequestDelegate next, WriteTurns turns)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (RequestGate.PassesFreely(context))
        {
            await next(context);
            return;
        }
        if (!IsWrite(context.Request))
        {
            // Served at once; meanwhile no write gets a turn beyond MaxConcurrentWrites.
            using var reading = turns.Reading();
            await next(context);
            return;
        }
        using var turn = new HeldTurn(await turns.TakeAsync(context.RequestAborted));
        context.Features.Set<IHeldWriteTurn>(turn);
        try
        {
            await next(context);
        }
        catch (Exception e)
        {
            turns.Failed(e);
            throw;
        }
    }

    /// <summary>A request's turn, released once: early by the route, or when the request ends.</summary>
    private sealed class HeldTurn(IDisposable turn) : IHeldWriteTurn, IDisposable
    {
        private int _released;

        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) turn.Dispose();
        }

        public void Dispose() => Release();
    }

    /// <summary>What changes the repository: every method but GET, HEAD and OPTIONS, save a search sent by POST.</summary>
    public static bool IsWrite(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        && !(request.Path.Value ?? "").EndsWith("/_search", StringComparison.Ordinal);
}
