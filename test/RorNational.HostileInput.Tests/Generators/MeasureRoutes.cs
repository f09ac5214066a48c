using System.Text;
using CsCheck;
using RorNational.HostileInput.Tests.Requests;
using static RorNational.HostileInput.Tests.Generators.Cases;

namespace RorNational.HostileInput.Tests.Generators;

/// <summary>
/// The bed availability as FHIR: Measure and MeasureReport, read by id (unknown and malformed
/// ids) and searched by GET or by a form POST (NULs, values of the wrong type, unknown
/// parameters under a strict handling, unknown includes, broken forms).
/// </summary>
public static class MeasureRoutes
{
    private static readonly (string Type, string Plausible, string[] Tokens, string Date)[] Types =
    [
        ("Measure", "identifier=rea-adulte", ["_id", "identifier", "url", "name"], "_has:MeasureReport:measure:date"),
        ("MeasureReport", "measure=rea-adulte", ["_id", "measure", "territory", "subject:identifier"], "date"),
    ];

    public static IEnumerable<RouteGenerator> Routes() => Types.SelectMany(t => new RouteGenerator[]
    {
        new($"GET /fhir/{t.Type}/{{id}}", _ => Gen.Const(Read(t.Type, t.Type == "Measure" ? "rea-adulte" : "national-rea-adulte", "plausible")),
            _ => Malformed.PathIds.Select(id => Read(t.Type, id, Category.UnknownIds))),
        new($"GET /fhir/{t.Type}", _ => Gen.Const(Search(t.Type, t.Plausible, "plausible")), _ => Queries(t).Select(c => Search(t.Type, c.Query, c.Category))),
        new($"POST /fhir/{t.Type}/_search", _ => Gen.Const(Post(t.Type, "plausible", Form(t.Plausible))), _ => PostFaults(t), HasBody: true),
    });

    private static HostileRequest Read(string type, string id, string category) => new(category, $"GET /fhir/{type}/{{id}}", HttpMethod.Get, $"/fhir/{type}/{id}");

    private static HostileRequest Search(string type, string query, string category) =>
        new HostileRequest(category, $"GET /fhir/{type}", HttpMethod.Get, $"/fhir/{type}?{query}").WithHeader("Prefer", "handling=strict");

    private static HostileRequest Post(string type, string category, HostileBody body) =>
        new HostileRequest(category, $"POST /fhir/{type}/_search", HttpMethod.Post, $"/fhir/{type}/_search") { Body = body }
            .WithHeader("Prefer", "handling=strict");

    private static HostileBody Form(string query) => HostileBody.Text(query, "application/x-www-form-urlencoded");

    private static Gen<(string Category, string Query)> Queries((string Type, string Plausible, string[] Tokens, string Date) t) => Gen.OneOf<(string Category, string Query)>(
        Gen.Select(Pick(t.Tokens), Gen.OneOf("ab\0cd", "\0", "a\0"), (p, v) => (Category.Nul, $"{p}={Q(v)}")),
        Gen.OneOf("_count=-1", "_count=abc", "_count=99999999999999", "_summary=bogus", "_total=bogus", "_elements=%00",
            $"{t.Date}=2020-13-45", $"{t.Date}=abc", $"{t.Date}=zz2020", "_include=Bogus:nothing", "_revinclude=Bogus:nothing")
            .Select(q => (Category.WrongTypes, q)),
        Malformed.Cursors.Select(c => (Category.Cursor, $"_cursor={c}")),
        Gen.OneOf("bogus=1", "nosuch:exact=x", $"{t.Plausible}&made-up=b", "name:bogus=x").Select(q => (Category.UnknownMembers, q)));

    private static Gen<HostileRequest> PostFaults((string Type, string Plausible, string[] Tokens, string Date) t) => Any(
        Queries(t).Select(c => Post(t.Type, c.Category, Form(c.Query))),
        Gen.Int[1025, 3000].Select(n => Post(t.Type, Category.FormBody, Form(string.Join("&", Enumerable.Range(0, n).Select(i => $"f{i}=1"))))),
        Gen.OneOf(4 * 1024 * 1024 + 10, 5 * 1024 * 1024).Select(n => Post(t.Type, Category.FormBody, Form("name=" + Malformed.Long(n)))),
        Gen.OneOf(
            new HostileBody(Encoding.ASCII.GetBytes("garbage"), "multipart/form-data; boundary=" + Malformed.Long(200)),
            new HostileBody(Encoding.ASCII.GetBytes("name=%zz&_count=%"), "application/x-www-form-urlencoded"),
            new HostileBody([0x6e, 0x61, 0x6d, 0x65, 0x3d, 0x00, 0xff, 0xfe], "application/x-www-form-urlencoded"),
            new HostileBody(Encoding.ASCII.GetBytes("{\"identifier\":\"rea-adulte\"}"), "application/json"))
            .Select(body => Post(t.Type, Category.FormBody, body)));
}
