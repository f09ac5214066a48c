using CsCheck;
using RorNational.HostileInput.Tests.Requests;
using static RorNational.HostileInput.Tests.Generators.Cases;

namespace RorNational.HostileInput.Tests.Generators;

/// <summary>Type and system history (_count, _since, _at, _cursor) and $diff (versions, instants, includeMeta).</summary>
public static class FhirHistory
{
    public const string SystemRoute = "GET /fhir/_history";

    /// <summary>Every type's (the professionals' too: last, as in the catalogue), and the system's.</summary>
    public static IEnumerable<RouteGenerator> Routes() =>
        Targets.FhirTypes.Concat(Targets.ProfessionalTypes).SelectMany(type => new[]
        {
            new RouteGenerator($"GET /fhir/{type}/_history", _ => Gen.Const(Get($"GET /fhir/{type}/_history", $"/fhir/{type}/_history")),
                _ => HistoryFaults($"GET /fhir/{type}/_history", $"/fhir/{type}/_history")),
            new RouteGenerator($"GET /fhir/{type}/{{id}}/$diff", t => Pick(t.ResourceIds[type]).Select(id => Get(DiffRoute(type), $"/fhir/{type}/{id}/$diff")),
                t => DiffFaults(t, type)),
        }).Append(new RouteGenerator(SystemRoute, _ => Gen.Const(Get(SystemRoute, "/fhir/_history")), _ => HistoryFaults(SystemRoute, "/fhir/_history")));

    private static string DiffRoute(string type) => $"GET /fhir/{type}/{{id}}/$diff";

    private static HostileRequest Get(string route, string path, string category = "plausible") => new(category, route, HttpMethod.Get, path);

    private static readonly string[] BadAt =
    [
        "garbage", "ne2026-03-02", "sa2026-03-02", "2026-03-02T08:00", "2026-02-30", "2026-13-01", "gt", "%00", "2026-03-02T08:00:00+15:00",
        "2026-03-02T25:00:00Z", "9999-12-31T23:59:59-14:00", "gt9999-12-31", "0000-01-01", "10000-01-01", "2026-03-02T08:00:00.1234567890Z",
        "eq2026-03-02%00", Malformed.Long(3000),
    ];

    private static Gen<HostileRequest> HistoryFaults(string route, string path) => Any(
        Gen.OneOf("_count=-1", "_count=abc", "_count=1e10", "_count=99999999999", "_count=%00", "_count=1&_count=2",
                "_since=garbage", "_since=%00", "_since=2026-13-45T99:99Z", "_since=10000-01-01T00:00:00Z", "_since=a&_since=b")
            .Select(query => Get(route, $"{path}?{query}", query.Contains("%00", StringComparison.Ordinal) ? Category.Nul
                : query.Contains('&', StringComparison.Ordinal) ? Category.RepeatedParameters : Category.WrongTypes)),
        Gen.OneOf(BadAt).Select(at => Get(route, $"{path}?_at={at}",
            at.Contains("%00", StringComparison.Ordinal) ? Category.Nul
            : at.StartsWith('0') || at.StartsWith("10000", StringComparison.Ordinal) ? Category.ImpossibleDates
            : at.Contains("9999", StringComparison.Ordinal) ? Category.Year9999 : Category.WrongTypes)),
        Gen.OneOf("garbage", "%00", "AAAA", Q(Convert.ToBase64String("1|2"u8.ToArray())), "OTk5OTk5OTk5OTk5OTk5OTk5OTk5fEx8aXwx",
                Q(Convert.ToBase64String("638000000000000000|Organiz\0ation|eg-1|1"u8.ToArray())), Malformed.Long(5000),
                // The server's own shape, forged: a NUL and a lone surrogate PostgreSQL cannot compare, an empty id, a negative version, a local time.
                Cursor("""{"LastUpdated":"2026-03-02T08:00:00Z","Type":"Organiz\u0000ation","Id":"eg-1","Version":1}"""),
                Cursor("""{"LastUpdated":"2026-03-02T08:00:00Z","Type":"Organization","Id":"\uD800","Version":1}"""),
                Cursor("""{"LastUpdated":"2026-03-02T08:00:00Z","Type":"Organization","Id":"","Version":1}"""),
                Cursor("""{"LastUpdated":"2026-03-02T08:00:00Z","Type":"Organization","Id":"eg-1","Version":-1}"""),
                Cursor("""{"LastUpdated":"2026-03-02T08:00:00","Type":"Organization","Id":"eg-1","Version":1}"""),
                Cursor("""{"LastUpdated":"9999-12-31T23:59:59.9999999Z","Type":"Organization","Id":"eg-1","Version":99999999999999999999}"""))
            .Select(cursor => Get(route, $"{path}?_cursor={cursor}", Category.Cursor)));

    private static string Cursor(string json) => System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(json));

    private static Gen<HostileRequest> DiffFaults(Targets targets, string type) => Any(
        Gen.Select(Pick(targets.ResourceIds[type]), Gen.OneOf(
                "fromVersion=abc", "fromVersion=-1", "fromVersion=0", "toVersion=99999999999999999999", "fromVersion=%00", "toVersion=1.5",
                "from=yesterday", "from=2026-13-45T00:00:00Z", "to=2026-03-02", "to=%00", "from=0000-01-01T00:00:00Z", "to=9999-12-31T23:59:59-14:00",
                "from=Location/other/_history/1", "from=Organization/x/_history/99999999999999999999", "fromVersion=1&from=1",
                "includeMeta=maybe", "includeMeta=%00", "includeMeta=true&includeMeta=false", "toVersion=999999", "from=" + Malformed.Long(3000)),
            (id, query) => Get(DiffRoute(type), $"/fhir/{type}/{id}/$diff?{query}",
                query.Contains("%00", StringComparison.Ordinal) ? Category.Nul
                : query.Contains('&', StringComparison.Ordinal) ? Category.RepeatedParameters : Category.WrongTypes)),
        Malformed.PathIds.Select(id => Get(DiffRoute(type), $"/fhir/{type}/{id}/$diff", Category.UnknownIds)));
}
