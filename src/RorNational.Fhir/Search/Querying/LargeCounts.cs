using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using RorNational.Security.Http;

namespace RorNational.Fhir.Search.Querying;

/// <summary>
/// The exact totals that read a large part of the index take their turn. At the national scale
/// the total of HealthcareService?location.capacity-status=02&amp;location.nb-capacity=gt0 counts
/// 302,005 offers, about a CPU-second however it is written (the hand-written count takes
/// 0.6 s); eight regulation tools asking it at once on two cores ran every one past the
/// statement timeout, and took the cores from the cheap searches, the reads and the capacity
/// pushes meanwhile. So a count first runs within Search:SmallCountBound; past it (or when the
/// same count did so in the last minute) it is large, and runs when one of the node's
/// Search:LargeCountsAtOnce turns is free, waiting in order up to Search:LargeCountWait, after
/// which the search answers 503 with Retry-After. Every total stays exact.
/// </summary>
public sealed class LargeCounts(IOptions<SearchOptions> options)
{
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(1);
    private const int MostRemembered = 10_000;

    private readonly ConcurrencyLimiter _turns = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.LargeCountsAtOnce,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    private readonly ConcurrentDictionary<string, long> _large = new();

    /// <summary>Whether this count ran past the small bound within the last minute.</summary>
    public bool KnownLarge(string key) =>
        _large.TryGetValue(key, out var at) && Stopwatch.GetElapsedTime(at) < Remembered;

    public void RememberLarge(string key)
    {
        if (_large.Count >= MostRemembered) _large.Clear();
        _large[key] = Stopwatch.GetTimestamp();
    }

    /// <summary>A turn to run a large count; 503 when none came within Search:LargeCountWait.</summary>
    public async Task<RateLimitLease> TurnAsync(CancellationToken cancellation)
    {
        var wait = options.Value.LargeCountWait;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        bounded.CancelAfter(wait);
        try
        {
            var lease = await _turns.AcquireAsync(1, bounded.Token);
            if (lease.IsAcquired) return lease;
            lease.Dispose();
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
        }
        throw new HttpRefusal(HttpRefusalKind.Unavailable,
            $"this search's total counts a large part of the directory, and other such counts kept every turn busy for {wait.TotalSeconds:0.###} s " +
            "(Search:LargeCountWait): try again later, narrow the search, or ask for no total (_total=none)");
    }
}
