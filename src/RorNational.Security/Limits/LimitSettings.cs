using Microsoft.Extensions.Configuration;

namespace RorNational.Security.Limits;

/// <summary>
/// The limits of clients that set none for a kind (<c>Limits:Defaults:{Read,Search,Supply,Export}</c>)
/// and of anonymous callers, who share one allowance (<c>Limits:Anonymous</c>, the defaults for
/// what it does not set). Read at start-up; a kind without a default is unlimited. Invalid
/// values stop the start-up, naming the member to fix.
/// </summary>
public sealed record LimitSettings(ClientLimits Defaults, ClientLimits Anonymous)
{
    public const string Section = "Limits";

    public static LimitSettings From(IConfiguration configuration)
    {
        var defaults = configuration.GetSection($"{Section}:Defaults").Get<ClientLimits>() ?? new ClientLimits();
        var anonymous = configuration.GetSection($"{Section}:Anonymous").Get<ClientLimits>() ?? new ClientLimits();
        var problems = defaults.Problems($"{Section}:Defaults").Concat(anonymous.Problems($"{Section}:Anonymous")).ToList();
        if (problems.Count > 0)
            throw new InvalidOperationException($"The request limits ({Section}) are invalid: {string.Join("; ", problems)}.");
        return new LimitSettings(defaults, anonymous);
    }

    /// <summary>The limit of a client on a kind: its own if it sets one, else the default; null: unlimited.</summary>
    public KindLimit? Of(ClientLimits? own, RouteKind kind) => Effective(own?.For(kind) ?? Defaults.For(kind));

    public KindLimit? OfAnonymous(RouteKind kind) => Effective(Anonymous.For(kind) ?? Defaults.For(kind));

    private static KindLimit? Effective(KindLimit? limit) => limit is null || limit.Unlimited ? null : limit;
}
