using System.Text.Json.Nodes;
using CsCheck;
using RorNational.HostileInput.Tests.Requests;
using static RorNational.HostileInput.Tests.Generators.Cases;

namespace RorNational.HostileInput.Tests.Generators;

/// <summary>
/// Bulk export: kick-offs (system and Organization level, GET and POST Parameters) with every
/// parameter that cannot be honoured, polls and cancellations of unknown, malformed, missing or
/// repeated job ids, and downloads of files that do not exist, by a client and by nobody. The
/// plausible kick-off asks for a type this server does not export, so that no fault ever starts an export.
/// </summary>
public static class ExportRoutes
{
    private const string SystemGet = "GET /fhir/$export", SystemPost = "POST /fhir/$export";
    private const string OrganizationGet = "GET /fhir/Organization/{id}/$export", OrganizationPost = "POST /fhir/Organization/{id}/$export";
    private const string Poll = "GET /fhir/$export-poll-status", Cancel = "DELETE /fhir/$export-poll-status";
    private const string File = "GET /fhir/$export-file/{exportId}/{number}";
    private const string Plausible = "_type=Patient";

    /// <summary>Kick-off queries refused whatever else the request holds.</summary>
    private static readonly Gen<(string Category, string Query)> Refused = Gen.OneOf(
        (Category.WrongTypes, "_type=Patient"), (Category.WrongTypes, "_type=Location,Group"), (Category.WrongTypes, "_outputFormat=text%2Fcsv"),
        (Category.WrongTypes, "_since=garbage"), (Category.WrongTypes, "_since=2026-03-12"), (Category.WrongTypes, "_since=2026-03-12T08:00:00"),
        (Category.ImpossibleDates, "_since=10000-01-01T00:00:00Z"), (Category.ImpossibleDates, "_since=2026-13-45T08:00:00Z"),
        (Category.Nul, "_since=2026-03-12T08:00:00Z%00"), (Category.Nul, "_type=Location%00"), (Category.Nul, "_typeFilter=Location%3F_tag%3D%00"),
        (Category.RepeatedParameters, "_since=2026-03-12T08:00:00Z&_since=2026-03-13T08:00:00Z"),
        (Category.UnknownMembers, "_elements=id"), (Category.UnknownMembers, "includeAssociatedData=_myCompleteExtract"), (Category.UnknownMembers, "patient=Patient%2F1"),
        (Category.WrongTypes, "_typeFilter=Location"), (Category.WrongTypes, "_typeFilter=Location%3F_sort%3Dname"), (Category.WrongTypes, "_typeFilter=Location%3F_count%3D1"),
        (Category.WrongTypes, "_typeFilter=Location%3Fnope%3D1"), (Category.WrongTypes, "_typeFilter=Patient%3Fname%3Dx"),
        (Category.WrongTypes, "_type=HealthcareService&_typeFilter=Location%3F_tag%3D53"), (Category.DeepFilter, "_typeFilter=Location%3F_filter%3D" + Q(Malformed.Long(3000))));

    public static IEnumerable<RouteGenerator> Routes() =>
    [
        new(SystemGet, _ => Gen.Const(Get(SystemGet, "/fhir/$export?" + Plausible, "plausible")),
            _ => Any(
                Refused.Select(r => Get(SystemGet, "/fhir/$export?" + r.Query, r.Category)),
                Gen.Const(Get(SystemGet, "/fhir/$export", Category.Tokens) with { Caller = new Caller.Anonymous() }))),
        new(SystemPost, _ => Gen.Const(Post(SystemPost, "/fhir/$export", "plausible", JsonFaults.Json(Parameters(("_type", "Patient"))))),
            _ => Gen.Frequency<HostileRequest>(
                (2, JsonFaults.Of(Parameters(("_type", "Patient"))).Select(fault => Post(SystemPost, "/fhir/$export", fault.Category, fault.Body))),
                (2, Gen.OneOf(
                        (Category.WrongTypes, new JsonObject { ["resourceType"] = "Bundle" }),
                        (Category.WrongTypes, Parameters(("_since", "yesterday"))),
                        (Category.UnknownMembers, Parameters(("nope", "1"))),
                        (Category.WrongTypes, new JsonObject { ["resourceType"] = "Parameters", ["parameter"] = new JsonArray(new JsonObject { ["name"] = "_type", ["valueInteger"] = 1 }) }),
                        (Category.NullItems, new JsonObject { ["resourceType"] = "Parameters", ["parameter"] = new JsonArray((JsonNode?)null) }))
                    .Select(fault => Post(SystemPost, "/fhir/$export", fault.Item1, JsonFaults.Json(fault.Item2)))),
                (1, Gen.Const(Post(SystemPost, "/fhir/$export", Category.Tokens, JsonFaults.Json(Parameters(("_type", "Location")))) with { Caller = new Caller.Anonymous() }))),
            HasBody: true),
        new(OrganizationGet, t => Gen.Const(Get(OrganizationGet, $"/fhir/Organization/{t.Eg}/$export?{Plausible}", "plausible")),
            t => Any(
                Refused.Select(r => Get(OrganizationGet, $"/fhir/Organization/{t.Eg}/$export?{r.Query}", r.Category)),
                Malformed.PathIds.Select(id => Get(OrganizationGet, $"/fhir/Organization/{id}/$export", Category.UnknownIds)),
                Gen.OneOf("eg-000000000", "ej-000000000").Select(id => Get(OrganizationGet, $"/fhir/Organization/{id}/$export", Category.UnknownIds)),
                Gen.Const(Get(OrganizationGet, $"/fhir/Organization/{t.Eg}/$export", Category.Tokens) with { Caller = new Caller.Anonymous() }))),
        new(OrganizationPost, t => Gen.Const(Post(OrganizationPost, $"/fhir/Organization/{t.Eg}/$export", "plausible", JsonFaults.Json(Parameters(("_type", "Patient"))))),
            t => Gen.Frequency<HostileRequest>(
                (2, JsonFaults.Of(Parameters(("_type", "Patient"))).Select(fault => Post(OrganizationPost, $"/fhir/Organization/{t.Eg}/$export", fault.Category, fault.Body))),
                (1, Malformed.PathIds.Select(id => Post(OrganizationPost, $"/fhir/Organization/{id}/$export", Category.UnknownIds, JsonFaults.Json(Parameters(("_type", "Location"))))))),
            HasBody: true),
        JobRoute(Poll, HttpMethod.Get),
        JobRoute(Cancel, HttpMethod.Delete),
        new(File, _ => Gen.Const(Get(File, $"/fhir/$export-file/{Guid.Empty:N}/1", "plausible")),
            _ => Any(
                Malformed.PathIds.Select(id => Get(File, $"/fhir/$export-file/{id}/1", Category.UnknownIds)),
                Gen.OneOf("0", "-1", "abc", "99999999999999999999", "1.5", "1%20").Select(n => Get(File, $"/fhir/$export-file/{Guid.Empty:N}/{n}", Category.WrongTypes)),
                Gen.Const(Get(File, $"/fhir/$export-file/{Guid.Empty:N}/1", Category.Tokens) with { Caller = new Caller.Anonymous() }))),
    ];

    private static RouteGenerator JobRoute(string route, HttpMethod method) => new(route,
        _ => Gen.Const(new HostileRequest("plausible", route, method, $"/fhir/$export-poll-status?_jobId={Guid.Empty:N}")),
        _ => Any(
            Malformed.PathIds.Select(id => new HostileRequest(Category.UnknownIds, route, method, $"/fhir/$export-poll-status?_jobId={Q(id)}")),
            Gen.OneOf("", "_jobId=", "_jobId=a&_jobId=b", "jobId=x", "_jobId=%00")
                .Select(q => new HostileRequest(Category.RepeatedParameters, route, method, "/fhir/$export-poll-status" + (q.Length == 0 ? "" : "?" + q))),
            Gen.Const(new HostileRequest(Category.Tokens, route, method, $"/fhir/$export-poll-status?_jobId={Guid.Empty:N}") { Caller = new Caller.Anonymous() })));

    private static JsonObject Parameters(params (string Name, string Value)[] parameters) => new()
    {
        ["resourceType"] = "Parameters",
        ["parameter"] = new JsonArray([.. parameters.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["valueString"] = p.Value })]),
    };

    private static HostileRequest Get(string route, string path, string category) => new(category, route, HttpMethod.Get, path);

    private static HostileRequest Post(string route, string path, string category, HostileBody body) =>
        new(category, route, HttpMethod.Post, path) { Body = CapacityPatches.Fhir(body) };
}
