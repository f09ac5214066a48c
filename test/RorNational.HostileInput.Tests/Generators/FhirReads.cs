using CsCheck;
using RorNational.HostileInput.Tests.Requests;
using static RorNational.HostileInput.Tests.Generators.Cases;

namespace RorNational.HostileInput.Tests.Generators;

/// <summary>FHIR reads: read, vread, history, metadata, SearchParameter.</summary>
public static class FhirReads
{
    public static IEnumerable<RouteGenerator> Routes() =>
        OfTypes(Targets.FhirTypes).Concat(
        [
            new RouteGenerator("GET /fhir/metadata", _ => Gen.Const(Get("GET /fhir/metadata", "/fhir/metadata")), MetadataFaults),
            new RouteGenerator("GET /fhir/SearchParameter/{id}",
                _ => Gen.Const(Get("GET /fhir/SearchParameter/{id}", "/fhir/SearchParameter/Organization-name")),
                _ => Gen.Select(Malformed.PathIds, id => Get("GET /fhir/SearchParameter/{id}", "/fhir/SearchParameter/" + id, Category.UnknownIds))),
        ]);

    /// <summary>Read, vread and history of these resource types.</summary>
    public static IEnumerable<RouteGenerator> OfTypes(IEnumerable<string> types) =>
        types.SelectMany(type => new[]
        {
            new RouteGenerator($"GET /fhir/{type}/{{id}}", t => Read(t, type, "Read"), t => ReadFaults(t, type, "Read")),
            new RouteGenerator($"GET /fhir/{type}/{{id}}/_history/{{vid}}", t => Read(t, type, "VRead"), t => VReadFaults(t, type, "VRead")),
            new RouteGenerator($"GET /fhir/{type}/{{id}}/_history", t => Read(t, type, "History"), t => HistoryFaults(t, type, "History")),
        });

    private static HostileRequest Get(string route, string path, string category = "plausible") => new(category, route, HttpMethod.Get, path);

    private static string RouteOf(string type, string kind) => kind switch
    {
        "Read" => $"GET /fhir/{type}/{{id}}",
        "VRead" => $"GET /fhir/{type}/{{id}}/_history/{{vid}}",
        _ => $"GET /fhir/{type}/{{id}}/_history",
    };

    private static Gen<HostileRequest> Read(Targets targets, string type, string kind) =>
        Pick(targets.ResourceIds[type]).Select(id => Get(RouteOf(type, kind), kind switch
        {
            "Read" => $"/fhir/{type}/{id}",
            "VRead" => $"/fhir/{type}/{id}/_history/1",
            _ => $"/fhir/{type}/{id}/_history",
        }));

    private static Gen<HostileRequest> ReadFaults(Targets targets, string type, string kind) => Any(
        Malformed.PathIds.Select(id => Get(RouteOf(type, kind), $"/fhir/{type}/{id}", Category.UnknownIds)),
        Gen.Select(Pick(targets.ResourceIds[type]), Gen.OneOf("_format=bogus", "_format=%00", "_format=" + Malformed.Long(3000), "_format=text/html"),
            (id, query) => Get(RouteOf(type, kind), $"/fhir/{type}/{id}?{query}", Category.ContentTypes)));

    private static Gen<HostileRequest> VReadFaults(Targets targets, string type, string kind) => Any(
        Gen.Select(Pick(targets.ResourceIds[type]), Gen.OneOf("abc", "-1", "0", "1.5", "99999999999999999999", "1e3", "%20", Malformed.Long(3000)),
            (id, vid) => Get(RouteOf(type, kind), $"/fhir/{type}/{id}/_history/{vid}", Category.WrongTypes)),
        Malformed.PathIds.Select(id => Get(RouteOf(type, kind), $"/fhir/{type}/{id}/_history/1", Category.UnknownIds)));

    private static Gen<HostileRequest> HistoryFaults(Targets targets, string type, string kind) => Any(
        Gen.Select(Pick(targets.ResourceIds[type]), Gen.OneOf("_count=-1", "_count=abc", "_count=1e10", "_count=99999999999", "_count=%00",
                "_since=garbage", "_since=%00", "_since=2026-13-45T99:99Z", "_since=10000-01-01T00:00:00Z", "_since=9999",
                "_before-version=abc", "_before-version=-1", "_before-version=%00", "_before-version=99999999999999999999999",
                "_before-version=" + Malformed.Long(5000)),
            (id, query) => Get(RouteOf(type, kind), $"/fhir/{type}/{id}/_history?{query}",
                query.StartsWith("_since=1", StringComparison.Ordinal) || query.StartsWith("_since=9", StringComparison.Ordinal) ? Category.Year9999
                : query.StartsWith("_before-version", StringComparison.Ordinal) ? Category.Cursor
                : query.Contains("%00", StringComparison.Ordinal) ? Category.Nul : Category.WrongTypes)),
        Malformed.PathIds.Select(id => Get(RouteOf(type, kind), $"/fhir/{type}/{id}/_history", Category.UnknownIds)));

    private static Gen<HostileRequest> MetadataFaults(Targets targets) =>
        Gen.OneOf("_format=bogus", "_format=%00", "_format=text/html", "_format=" + Malformed.Long(3000))
            .Select(query => Get("GET /fhir/metadata", "/fhir/metadata?" + query, Category.ContentTypes));
}
