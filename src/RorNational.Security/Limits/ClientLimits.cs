namespace RorNational.Security.Limits;

/// <summary>
/// Limits per kind of route, as a client's <c>Limits</c> in the clients file or as the
/// defaults (<c>Limits:Defaults</c>): a kind given here replaces the default for that kind, whole.
/// </summary>
public sealed record ClientLimits
{
    public KindLimit? Read { get; init; }
    public KindLimit? Search { get; init; }
    public KindLimit? Supply { get; init; }
    public KindLimit? Export { get; init; }

    public KindLimit? For(RouteKind kind) => kind switch
    {
        RouteKind.Read => Read,
        RouteKind.Search => Search,
        RouteKind.Supply => Supply,
        RouteKind.Export => Export,
        _ => null,
    };

    /// <summary>What is wrong with these limits, each problem naming its kind under <paramref name="at"/>.</summary>
    public IEnumerable<string> Problems(string at) =>
        Enum.GetValues<RouteKind>().SelectMany(kind => For(kind)?.Problems($"{at}:{kind}") ?? []);
}
