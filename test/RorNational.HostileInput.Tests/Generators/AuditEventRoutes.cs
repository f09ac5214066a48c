using CsCheck;
using RorNational.HostileInput.Tests.Requests;
using static RorNational.HostileInput.Tests.Generators.Cases;

namespace RorNational.HostileInput.Tests.Generators;

/// <summary>
/// The AuditEvents (auditors only): read by unknown and malformed ids, searched with NULs,
/// impossible dates, bad prefixes, references and counts, unknown parameters, forged cursors,
/// and every route called by clients that are not auditors (403).
/// </summary>
public static class AuditEventRoutes
{
    private const string Read = "GET /fhir/AuditEvent/{id}";
    private const string Search = "GET /fhir/AuditEvent";
    private const string Verify = "GET /fhir/AuditEvent/$verify-integrity";

    public static IEnumerable<RouteGenerator> Routes() =>
    [
        new(Read, _ => Gen.Const(Get(Read, $"/fhir/AuditEvent/{Guid.Empty}", "plausible")),
            _ => Any(Malformed.PathIds.Select(id => Get(Read, "/fhir/AuditEvent/" + id, Category.UnknownIds)), NotAuditor(Read, $"/fhir/AuditEvent/{Guid.Empty}"))),
        new(Search, _ => Gen.Const(Get(Search, "/fhir/AuditEvent?subtype=read", "plausible")), _ => Any(SearchFaults(), NotAuditor(Search, "/fhir/AuditEvent"))),
        new(Verify, _ => Gen.Const(Get(Verify, "/fhir/AuditEvent/$verify-integrity", "plausible")), _ => NotAuditor(Verify, "/fhir/AuditEvent/$verify-integrity")),
    ];

    private static HostileRequest Get(string route, string path, string category) => new(category, route, HttpMethod.Get, path);

    private static Gen<HostileRequest> NotAuditor(string route, string path) =>
        Gen.OneOf<Caller>(new Caller.Client("test-public"), new Caller.Client("test-consumer-crisis"), new Caller.Client("test-editor"), new Caller.Anonymous())
            .Select(caller => Get(route, path, Category.Tokens) with { Caller = caller });

    private static Gen<HostileRequest> SearchFaults() => Gen.OneOf<(string Category, string Query)>(
            Gen.Select(Gen.OneOf("agent", "entity", "entity-type", "type", "subtype", "date"), Gen.OneOf("ab\0cd", "\0", "a\0"), (p, v) => (Category.Nul, $"{p}={Q(v)}")),
            Gen.OneOf("date=2020-13-45", "date=abc", "date=zz2020-01-01", "date=0000-01-01", "date=10000-01-01", "date=", "_count=-1", "_count=abc",
                "_count=99999999999999", "entity=nonsense", "entity=Location/", "entity=a/b/c/d/e", "agent=http://other|x", "subtype=", "type=other-system|rest")
                .Select(q => (Category.WrongTypes, q)),
            Gen.OneOf("_before=abc", "_before=-1x", "_before=" + Malformed.Long(200), "_before=42", "_before=.42", "_before=1.",
                "_before=253402300800000000.1", "_before=1.99999999999999999999", "_before=1.2.3").Select(q => (Category.Cursor, q)),
            Gen.OneOf("bogus=1", "patient=x", "subtype=read&made-up=b", "_filter=x eq 1").Select(q => (Category.UnknownMembers, q)))
        .Select(c => Get(Search, $"/fhir/AuditEvent?{c.Query}", c.Category));
}
