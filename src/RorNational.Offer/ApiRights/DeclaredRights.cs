using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RorNational.Security.Access;

namespace RorNational.Offer.ApiRights;

/// <summary>
/// Every /api route declares its right (<see cref="RequiresAttribute"/>), and a right on one
/// establishment needs a route that names it: checked over the registered endpoints when the
/// pipeline is built, so that a route that forgot its right stops the host at start-up.
/// </summary>
public static class DeclaredRights
{
    public static bool IsApiRoute(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.RawText?.TrimStart('/') is { } route && (route == "api" || route.StartsWith("api/", StringComparison.Ordinal));

    /// <summary>The right an /api endpoint declares; null if it declares none.</summary>
    public static RequiresAttribute? Of(Endpoint endpoint) => endpoint.Metadata.GetMetadata<RequiresAttribute>();

    /// <summary>An /api read served with the caller's consumer profile, as FHIR reads (<see cref="ConsumerReadAttribute"/>): it needs no right.</summary>
    public static bool ReadsWithConsumerProfile(Endpoint endpoint) => endpoint.Metadata.GetMetadata<ConsumerReadAttribute>() is not null;

    /// <summary>What is wrong with the rights of these endpoints, one line per route; empty when nothing is.</summary>
    public static IReadOnlyList<string> Faults(IEnumerable<Endpoint> endpoints) =>
    [
        .. endpoints.OfType<RouteEndpoint>().Where(IsApiRoute).Select(Fault).OfType<string>().Distinct().Order(StringComparer.Ordinal),
    ];

    /// <summary>Throws, naming each faulty route, if an /api route declares no right or cannot name its target.</summary>
    public static void EnsureEveryApiRouteDeclaresItsRight(IEnumerable<Endpoint> endpoints)
    {
        if (Faults(endpoints) is { Count: > 0 } faults)
            throw new InvalidOperationException(
                "Every /api route declares its right with [Requires(Right.X)] on its endpoint method (see README, \"Rights on /api\"):"
                + Environment.NewLine + string.Join(Environment.NewLine, faults.Select(fault => "  " + fault)));
    }

    private static string? Fault(RouteEndpoint endpoint)
    {
        var route = $"{string.Join(",", endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])} {endpoint.RoutePattern.RawText}";
        if (ReadsWithConsumerProfile(endpoint)) return null;
        if (Of(endpoint) is not { } declared) return $"{route} declares no right";
        if (declared.NeedsTarget && !RequiresAttribute.TargetRouteValues.Any(name => endpoint.RoutePattern.GetParameter(name) is not null))
            return $"{route} requires {declared.Right}, but its route has no {string.Join(" or ", RequiresAttribute.TargetRouteValues.Select(name => $"{{{name}}}"))}";
        return null;
    }
}
