using System.Text;
using CsCheck;
using RorNational.HostileInput.Tests.Requests;
using static RorNational.HostileInput.Tests.Generators.Cases;

namespace RorNational.HostileInput.Tests.Generators;

/// <summary>FHIR searches: GET with a query, POST _search with a form body (and broken forms).</summary>
public static class Searches
{
    public static IEnumerable<RouteGenerator> Routes() => OfTypes(Targets.FhirTypes);

    /// <summary>GET and POST _search of these resource types.</summary>
    public static IEnumerable<RouteGenerator> OfTypes(IEnumerable<string> types) => types.SelectMany(type => new[]
    {
        new RouteGenerator($"GET /fhir/{type}", _ => Gen.Const(Get(type, "_count=1", "plausible")), _ => GetFaults(type)),
        new RouteGenerator($"POST /fhir/{type}/_search", _ => Gen.Const(Post(type, "plausible", Form("_count=1"))), _ => PostFaults(type), HasBody: true),
    });

    private static HostileRequest Get(string type, string query, string category) =>
        new(category, $"GET /fhir/{type}", HttpMethod.Get, $"/fhir/{type}?{query}") { MayBeAnswered = category == Category.Year9999Searched };

    private static HostileRequest Post(string type, string category, HostileBody body) =>
        new(category, $"POST /fhir/{type}/_search", HttpMethod.Post, $"/fhir/{type}/_search")
        {
            Body = body,
            MayBeAnswered = category == Category.Year9999Searched,
        };

    private static HostileBody Form(string query) => HostileBody.Text(query, "application/x-www-form-urlencoded");

    private static Gen<HostileRequest> GetFaults(string type) => Any(
        SearchQueries.For(type).Select(c => Get(type, c.Query, c.Category)),
        Gen.OneOf("bogus=1", "nosuch:exact=x", "name=a&made-up=b").Select(q =>
            Get(type, q, Category.UnknownMembers).WithHeader("Prefer", "handling=strict")));

    private static Gen<HostileRequest> PostFaults(string type) => Any(
        SearchQueries.For(type).Select(c => Post(type, c.Category, Form(c.Query))),
        Gen.Int[1025, 3000].Select(n => Post(type, Category.FormBody, Form(string.Join("&", Enumerable.Range(0, n).Select(i => $"f{i}=1"))))),
        Gen.Int[2100, 9000].Select(n => Post(type, Category.FormBody, Form(Malformed.Long(n) + "=1"))),
        Gen.OneOf(4 * 1024 * 1024 + 10, 5 * 1024 * 1024).Select(n => Post(type, Category.FormBody, Form("name=" + Malformed.Long(n)))),
        Gen.OneOf(
            new HostileBody(Encoding.ASCII.GetBytes("--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\na\r\n--x--\r\n"), "multipart/form-data"),
            new HostileBody(Encoding.ASCII.GetBytes("--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\na"), "multipart/form-data; boundary=x"),
            new HostileBody(Encoding.ASCII.GetBytes("--x\r\nContent-Disposition: form-data; name=\"name\"\r\n"), "multipart/form-data; boundary=x"),
            new HostileBody(Encoding.ASCII.GetBytes("--x\r\n\r\n\r\n--x--"), "multipart/form-data; boundary=x"),
            new HostileBody(Encoding.ASCII.GetBytes("garbage"), "multipart/form-data; boundary=" + Malformed.Long(200)),
            new HostileBody(Encoding.ASCII.GetBytes("--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n" + Malformed.Long(5 * 1024 * 1024) + "\r\n--x--\r\n"),
                "multipart/form-data; boundary=x"),
            new HostileBody(Encoding.ASCII.GetBytes("name=%zz&_count=%"), "application/x-www-form-urlencoded"),
            new HostileBody([0x6e, 0x61, 0x6d, 0x65, 0x3d, 0x00, 0xff, 0xfe], "application/x-www-form-urlencoded"))
            .Select(body => Post(type, Category.FormBody, body)));
}
