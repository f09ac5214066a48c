namespace RorNational.Security.Limits;

/// <summary>
/// A client's limit on one kind of route: <see cref="Permits"/> requests (bundle entries, for
/// supply) per <see cref="Period"/>, up to <see cref="Burst"/> at once after a quiet spell, and at
/// most <see cref="Concurrent"/> requests served at the same time. Or <see cref="Unlimited"/>.
/// </summary>
public sealed record KindLimit
{
    /// <summary>Requests (for supply: bundle entries) granted per <see cref="Period"/>.</summary>
    public int? Permits { get; init; }

    /// <summary>The period <see cref="Permits"/> are granted for; one second if not given.</summary>
    public TimeSpan? Period { get; init; }

    /// <summary>The most permits held in reserve (the bucket's size); <see cref="Permits"/> if not given. For supply, the largest bundle taken.</summary>
    public int? Burst { get; init; }

    /// <summary>The most requests of this kind served at the same time; none if not given. Past it: 429 at once, nothing is queued.</summary>
    public int? Concurrent { get; init; }

    /// <summary>No limit on this kind of route; the other members, if any (e.g. from a configuration layer below), are then ignored.</summary>
    public bool Unlimited { get; init; }

    /// <summary>The longest period: a bucket is replenished by a timer, which takes no longer wait.</summary>
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(1);

    public TimeSpan EffectivePeriod => Period ?? TimeSpan.FromSeconds(1);

    public int EffectiveBurst => Burst ?? Permits ?? 0;

    /// <summary>The rate as a caller reads it in a refusal: "20 per 00:00:01, burst 40, 4 at a time".</summary>
    public string Describe() => Unlimited ? "unlimited"
        : $"{Permits} per {EffectivePeriod:c}, burst {EffectiveBurst}" + (Concurrent is { } concurrent ? $", {concurrent} at a time" : "");

    /// <summary>What is wrong with this limit, each problem naming its member under <paramref name="at"/>.</summary>
    public IEnumerable<string> Problems(string at)
    {
        if (Unlimited) yield break;
        if (Permits is not { } permits) yield return $"{at} needs Permits (a number above zero), or \"Unlimited\": true";
        else if (permits <= 0) yield return $"{at}:Permits is {permits}: it must be above zero (\"Unlimited\": true for no limit)";
        if (Period is { } period && (period <= TimeSpan.Zero || period > MaxPeriod))
            yield return $"{at}:Period is {period:c}: it must be longer than zero and at most {MaxPeriod:c}";
        if (Burst is <= 0) yield return $"{at}:Burst is {Burst}: it must be above zero";
        if (Concurrent is <= 0) yield return $"{at}:Concurrent is {Concurrent}: it must be above zero";
    }
}
