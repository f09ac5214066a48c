using CsCheck;
using RorNational.HostileInput.Tests.Requests;
using static RorNational.HostileInput.Tests.Generators.Cases;

namespace RorNational.HostileInput.Tests.Generators;

/// <summary>
/// The Provenance of writes (auditors only): read by unknown and malformed ids, searched with
/// NULs, impossible dates, bad prefixes, references and counts, unknown parameters, forged
/// cursors, and both routes called by clients that are not auditors (403).
/// </summary>
public static class ProvenanceRoutes
{
    private const string Read = "GET /fhir/Provenance/{id}";
    private const string Search = "GET /fhir/Provenance";

    public static IEnumerable<RouteGenerator> Routes() =>
    [
        new(Read, _ => Gen.Const(Get(Read, $"/fhir/Provenance/{Guid.Empty}", "plausible")),
            _ => Any(Malformed.PathIds.Select(id => Get(Read, "/fhir/Provenance/" + id, Category.UnknownIds)), NotAuditor(Read, $"/fhir/Provenance/{Guid.Empty}"))),
        new(Search, _ => Gen.Const(Get(Search, "/fhir/Provenance?agent=test-editor", "plausible")), _ => Any(SearchFaults(), NotAuditor(Search, "/fhir/Provenance"))),
    ];

    private static HostileRequest Get(string route, string path, string category) => new(category, route, HttpMethod.Get, path);

    private static Gen<HostileRequest> NotAuditor(string route, string path) =>
        Gen.OneOf<Caller>(new Caller.Client("test-public"), new Caller.Client("test-consumer-crisis"), new Caller.Client("test-editor"), new Caller.Anonymous())
            .Select(caller => Get(route, path, Category.Tokens) with { Caller = caller });

    private static Gen<HostileRequest> SearchFaults() => Gen.OneOf<(string Category, string Query)>(
            Gen.Select(Gen.OneOf("agent", "target", "recorded"), Gen.OneOf("ab\0cd", "\0", "a\0"), (p, v) => (Category.Nul, $"{p}={Q(v)}")),
            Gen.OneOf("recorded=2020-13-45", "recorded=abc", "recorded=zz2020-01-01", "recorded=0000-01-01", "recorded=10000-01-01", "recorded=",
                "_count=-1", "_count=abc", "_count=99999999999999", "target=nonsense", "target=Location/", "target=a/b/c/d/e", "agent=http://other|x", "agent=")
                .Select(q => (Category.WrongTypes, q)),
            Gen.OneOf("_before=abc", "_before=-1x", "_before=" + Malformed.Long(200), "_before=42", "_before=.42", "_before=1.",
                "_before=253402300800000000.1", "_before=1.99999999999999999999", "_before=1.2.3").Select(q => (Category.Cursor, q)),
            Gen.OneOf("bogus=1", "entity=Location/1", "agent=x&made-up=b", "_filter=x eq 1").Select(q => (Category.UnknownMembers, q)))
        .Select(c => Get(Search, $"/fhir/Provenance?{c.Query}", c.Category));
}
