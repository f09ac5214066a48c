using System.Threading.RateLimiting;
using RorNational.Security.Http;

namespace RorNational.Security.Limits;

/// <summary>
/// The live limit of one caller (a client, or all anonymous callers) on one kind of route: a
/// token bucket for the rate and, when set, a concurrency limiter without a queue. Built once
/// per caller and kind and kept while the limit stays the same.
/// </summary>
public sealed class KindLimiter : IDisposable
{
    /// <summary>Retry-After of a refusal for too many requests at a time: one of them will likely have ended.</summary>
    private static readonly TimeSpan ConcurrencyRetry = TimeSpan.FromSeconds(1);

    private readonly TokenBucketRateLimiter _rate;
    private readonly ConcurrencyLimiter? _concurrency;

    public KindLimiter(string who, RouteKind kind, KindLimit limit)
    {
        Who = who;
        Kind = kind;
        Limit = limit;
        var permits = limit.Permits!.Value;
        var period = limit.EffectivePeriod;
        // Replenished in steps of at least a second (or one permit): one timer tick a second at most per bucket.
        var perTick = Math.Max(1, (int)Math.Min(permits, Math.Floor(permits * TimeSpan.FromSeconds(1).Ticks / (double)period.Ticks)));
        _rate = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.EffectiveBurst,
            TokensPerPeriod = perTick,
            ReplenishmentPeriod = period * perTick / permits,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
        if (limit.Concurrent is { } concurrent)
            _concurrency = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = concurrent, QueueLimit = 0 });
    }

    /// <summary>"client 'x'", or "anonymous callers (together)".</summary>
    public string Who { get; }

    public RouteKind Kind { get; }

    public KindLimit Limit { get; }

    /// <summary>
    /// Lets one request in, or refuses it (429) when the caller already has as many requests of this
    /// kind in progress as it may, or has used its permits. The lease returned (null without a
    /// concurrency limit) holds the request's place until disposed.
    /// </summary>
    public RateLimitLease? Enter()
    {
        RateLimitLease? place = null;
        if (_concurrency is not null)
        {
            place = _concurrency.AttemptAcquire();
            if (!place.IsAcquired)
            {
                place.Dispose();
                throw Throttled(ConcurrencyRetry, $"{Limit.Concurrent} at a time");
            }
        }
        using var permit = _rate.AttemptAcquire();
        if (permit.IsAcquired) return place;
        place?.Dispose();
        throw Throttled(permit);
    }

    /// <summary>
    /// Takes the rest of the permits of a request let in with one (a supplier's bundle: one permit
    /// per entry, <paramref name="total"/> in all). More than the bucket ever holds is refused with
    /// 413: the bundle must be split.
    /// </summary>
    public void TakeRest(int total, string what)
    {
        if (total <= 1) return;
        if (total > Limit.EffectiveBurst)
            throw new HttpRefusal(HttpRefusalKind.PayloadTooLarge,
                $"{what}: {total} entries, more than the {Kind.ToString().ToLowerInvariant()} limit of {Who} takes at once " +
                $"({Limit.Describe()}); split it into bundles of at most {Limit.EffectiveBurst} entries");
        using var lease = _rate.AttemptAcquire(total - 1);
        if (!lease.IsAcquired) throw Throttled(lease, $" ({what}: {total} entries, one permit each)");
    }

    private HttpRefusal Throttled(RateLimitLease refused, string detail = "") =>
        Throttled(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Limit.EffectivePeriod, Limit.Describe(), detail);

    private HttpRefusal Throttled(TimeSpan retryAfter, string reached, string detail = "")
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        return new HttpRefusal(HttpRefusalKind.TooManyRequests,
            $"{Who} reached {(Who.StartsWith("client", StringComparison.Ordinal) ? "its" : "their")} {Kind.ToString().ToLowerInvariant()} limit ({reached}){detail}; retry after {seconds} s")
        {
            RetryAfter = TimeSpan.FromSeconds(seconds),
        };
    }

    public void Dispose()
    {
        _rate.Dispose();
        _concurrency?.Dispose();
    }
}
