using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Options;
using RorNational.Domain.Common;
using RorNational.Security.Access;
using RorNational.Security.Callers;
using RorNational.Security.Http;
using Wolverine.Http;

namespace RorNational.Fhir.Availability.Live;

/// <summary>
/// GET /api/availability/changes: a Server-Sent Events stream that says "changed" each time
/// the availability data change (<see cref="AvailabilityChanges"/>), and nothing else: the
/// page then refetches /api/availability with its own token and profile, so the stream never
/// carries data a profile could not read. Same callers as /api/availability (a token, or
/// anonymous where the deployment allows it). The page reads it with fetch(), which sends the
/// Authorization header (EventSource cannot).
/// Bounded: a comment every <see cref="LiveOptions.Heartbeat"/>; the stream ends when the
/// caller's token expires or after <see cref="LiveOptions.MaxStreamDuration"/> (the page
/// reconnects, with a token that is checked again); a caller that does not read for
/// <see cref="LiveOptions.WriteTimeout"/> is dropped; each node holds at most
/// <see cref="LiveOptions.MaxStreams"/> streams, and <see cref="LiveOptions.MaxStreamsPerClient"/> per
/// client (503 with Retry-After past either). A stream costs one
/// waiting task: changes are coalesced, never queued.
/// </summary>
public static class AvailabilityChangesEndpoint
{
    public const string Route = "/api/availability/changes";

    private static readonly byte[] Opening = Encoding.UTF8.GetBytes("retry: 2000\n: availability changes\n\n");
    private static readonly byte[] Changed = Encoding.UTF8.GetBytes("event: changed\ndata: changed\n\n");
    private static readonly byte[] Heartbeat = Encoding.UTF8.GetBytes(": heartbeat\n\n");

    /// <summary>A token with less time left than this opens no stream.</summary>
    private static readonly TimeSpan ShortestStream = TimeSpan.FromSeconds(1);

    [WolverineGet(Route)]
    [ConsumerRead]
    [DisableRequestTimeout] // a stream lasts by design, within the bounds above
    public static async Task Get(HttpContext http, AvailabilityChanges changes, IOptions<LiveOptions> options, TimeProvider clock)
    {
        var limits = options.Value;
        if (http.Request.Query.Count > 0)
            throw CommandRejected.Because(RejectionKind.Invalid,
                $"{Route} takes no parameter (it says only that the availability changed); got {string.Join(", ", http.Request.Query.Keys)}");
        if (HeadRequests.IsServedAsGet(http))
        {
            // Counted, not sent: the host answers HEAD with the headers of this opening.
            WriteHeaders(http.Response);
            await http.Response.Body.WriteAsync(Opening, http.RequestAborted);
            return;
        }
        var caller = Callers.Of(http);
        var who = caller.Client?.Id ?? $"anonymous@{http.Connection.RemoteIpAddress}";
        switch (changes.Admit(who, limits))
        {
            case StreamAdmission.NodeFull:
                throw new HttpRefusal(HttpRefusalKind.Unavailable,
                    "this node holds as many availability streams as it may; retry later, or poll /api/availability");
            case StreamAdmission.ClientFull:
                throw new HttpRefusal(HttpRefusalKind.Unavailable,
                    $"this client has {limits.MaxStreamsPerClient} availability streams open on this node already; close one, or retry later");
        }
        // A token past its expiry (still accepted within the clock skew), or about to pass it,
        // opens no stream: the page would reconnect at once, again and again; it asks its user
        // for a new token instead. "About to" also covers a reconnection right after the previous
        // stream ended at the expiry: timers may fire a millisecond before the wall clock gets there.
        var lifetime = EndOf(http, limits, clock) - clock.GetUtcNow();
        if (lifetime < ShortestStream)
        {
            changes.Release(who);
            throw new HttpRefusal(HttpRefusalKind.InvalidToken,
                lifetime <= TimeSpan.Zero ? "the token has expired" : "the token expires within a second; use a new token");
        }
        try
        {
            await StreamAsync(http, changes, limits, lifetime, clock);
        }
        finally
        {
            changes.Release(who);
        }
    }

    private static async Task StreamAsync(HttpContext http, AvailabilityChanges changes, LiveOptions limits, TimeSpan lifetime, TimeProvider clock)
    {
        var response = http.Response;
        WriteHeaders(response);
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        using var ends = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        ends.CancelAfter(lifetime);
        try
        {
            var told = changes.Version;
            await WriteAsync(response, Opening, limits, ends.Token);
            while (!ends.IsCancellationRequested)
            {
                var change = changes.ChangeAfter(told);
                await Task.WhenAny(change, Task.Delay(limits.Heartbeat, clock, ends.Token));
                if (change.IsCompleted) told = changes.Version;
                await WriteAsync(response, change.IsCompleted ? Changed : Heartbeat, limits, ends.Token);
            }
        }
        catch (OperationCanceledException) when (ends.IsCancellationRequested)
        {
            // The token expired, the stream's time is up, or the caller left: the stream ends.
        }
    }

    private static void WriteHeaders(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        // Proxies that buffer (nginx) pass the events on at once.
        response.Headers["X-Accel-Buffering"] = "no";
    }

    /// <summary>A write that the caller does not take within the write timeout drops the stream.</summary>
    private static async Task WriteAsync(HttpResponse response, byte[] bytes, LiveOptions limits, CancellationToken ends)
    {
        using var write = CancellationTokenSource.CreateLinkedTokenSource(ends);
        write.CancelAfter(limits.WriteTimeout);
        await response.Body.WriteAsync(bytes, write.Token);
        await response.Body.FlushAsync(write.Token);
    }

    /// <summary>When the stream ends: at the token's expiry (exp), or after the longest stream duration, whichever comes first.</summary>
    private static DateTimeOffset EndOf(HttpContext http, LiveOptions limits, TimeProvider clock)
    {
        var longest = clock.GetUtcNow() + limits.MaxStreamDuration;
        return long.TryParse(http.User.FindFirst("exp")?.Value, out var exp) && DateTimeOffset.FromUnixTimeSeconds(exp) < longest
            ? DateTimeOffset.FromUnixTimeSeconds(exp)
            : longest;
    }
}
