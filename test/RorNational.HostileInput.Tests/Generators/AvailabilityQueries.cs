using CsCheck;
using RorNational.HostileInput.Tests.Requests;
using static RorNational.HostileInput.Tests.Generators.Cases;

namespace RorNational.HostileInput.Tests.Generators;

/// <summary>
/// The bed-availability synthesis (GET /api/availability and /units): its faults are in the
/// query string (unknown codes, a département outside its région, freshness out of range or
/// not a number, unknown and repeated parameters, NULs, huge values). Read with the caller's
/// consumer profile, it has no right to miss (<see cref="CrossCutting"/>).
/// </summary>
public static class AvailabilityQueries
{
    public const string Grid = "GET /api/availability", Units = "GET /api/availability/units";

    public static bool IsAvailabilityRoute(string route) => route is Grid or Units;

    public static IEnumerable<RouteGenerator> Routes() =>
    [
        new(Grid, _ => Gen.Const(Get(Grid, "/api/availability", "region=84", "plausible")), _ => Faults(Grid, "/api/availability")),
        new(Units, _ => Gen.Const(Get(Units, "/api/availability/units", "departement=01", "plausible")), _ => Faults(Units, "/api/availability/units")),
    ];

    private static HostileRequest Get(string route, string path, string query, string category) =>
        new(category, route, HttpMethod.Get, $"{path}?{query}");

    private static Gen<HostileRequest> Faults(string route, string path) => Any(
        Gen.OneOf("region=99", "region=" + Q("8\u00004"), "departement=2C", "departement=" + Q("0\u00001"), "regroupement=" + Q("rea-adulte\u0000"),
            "regroupement=" + Malformed.Long(3000)).Select(q => Get(route, path, q, Category.OutOfRange)),
        Gen.OneOf("region=94&departement=01", "region=84&departement=2A").Select(q => Get(route, path, q, Category.OutOfRange)),
        Gen.OneOf("freshness=0", "freshness=-1", "freshness=8761", "freshness=NaN", "freshness=Infinity", "freshness=1e400", "freshness=" + Q("1\u0000"))
            .Select(q => Get(route, path, q, Category.DecimalOverflow)),
        Gen.OneOf("region=84&region=94", "freshness=1&freshness=2").Select(q => Get(route, path, q, Category.RepeatedParameters)),
        Gen.OneOf("bogus=1", "Region=84", "_format=json").Select(q => Get(route, path, q, Category.UnknownMembers)));
}
