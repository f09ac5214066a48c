using CsCheck;
using RorNational.HostileInput.Tests.Requests;

namespace RorNational.HostileInput.Tests.Generators;

/// <summary>
/// GET /api/availability/changes, the live stream of the availability page. It takes no
/// parameter: every request here has one, so that it is refused at once (400) instead of opening
/// a stream that lasts until the token expires; the cross-cutting faults (tokens, paths,
/// methods) apply to it as to any route.
/// </summary>
public static class AvailabilityChanges
{
    public const string Route = "GET /api/availability/changes";

    private static HostileRequest Get(string category, string query) => new(category, Route, HttpMethod.Get, $"/api/availability/changes?{query}");

    public static RouteGenerator Generator() => new(Route,
        _ => Gen.OneOf("departement=01", "since=1", "freshness=6").Select(query => Get(Category.UnknownRoutes, query)),
        _ => Cases.Any(
            Gen.OneOf("x=%00", "%00=1", "departement=%00").Select(query => Get(Category.Nul, query)),
            Gen.Int[2, 50].Select(count => Get(Category.RepeatedParameters, Malformed.Repeat("since=1", count, "&"))),
            Gen.Int[1_000, 6_000].Select(length => Get(Category.OutOfRange, $"since={Malformed.Long(length)}")),
            Gen.OneOf("lastEventId=-1", "retry=NaN", "since=9999-12-31T23:59:59Z").Select(query => Get(Category.UnknownMembers, query))));
}
