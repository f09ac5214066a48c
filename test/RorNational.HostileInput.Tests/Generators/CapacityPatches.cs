using System.Text.Json.Nodes;
using CsCheck;
using RorNational.HostileInput.Tests.Requests;
using static RorNational.HostileInput.Tests.Generators.Cases;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;

namespace RorNational.HostileInput.Tests.Generators;

/// <summary>
/// The capacity supply PATCHes (conditional on <c>identifier=1&lt;FINESS&gt;/&lt;idExterneSynchro&gt;</c>,
/// and by Location id), aimed at a published lieu with no capacity: a broken Parameters (JSON
/// faults, then faults of the protocol's own shape), a bad address, a bad If-Match or
/// X-Request-Id, a caller who supplies nothing or another EG. The plausible body is an add
/// that would be applied: whatever the fault, nothing may be.
/// </summary>
public static class CapacityPatches
{
    public const string ByIdentifier = "PATCH /fhir/Location";
    public const string ById = "PATCH /fhir/Location/{id}";
    public const string FhirJson = "application/fhir+json";

    public static IEnumerable<RouteGenerator> Routes() =>
    [
        Route(ByIdentifier, t => $"/fhir/Location?identifier={Q(t.SupplyIdentifier)}", IdentifierFaults),
        Route(ById, t => $"/fhir/Location/{t.SupplyLocation}", IdFaults),
    ];

    /// <summary>The add of an indicator the lieu does not have: applied if sent as it is.</summary>
    public static JsonObject PlausibleAdd() => Add(Record(3, "2026-03-02T07:00:00Z"));

    /// <summary>Every shape a supplier may send: ROR add, replace and delete (of indicators the lieu lacks: 404), standard FHIRPath Patch.</summary>
    private static JsonObject[] Shapes() =>
    [
        PlausibleAdd(), Replace(Selector(), Record(12, "2026-03-02T07:10:00Z")), Delete(Selector(gender: "01")),
        Standard("add", "Location", Record(4, "2026-03-02T07:20:00Z", temporality: "02"), name: "extension"),
    ];

    public static HostileBody Fhir(HostileBody body) => body with { ContentType = FhirJson };

    private static RouteGenerator Route(string route, Func<Targets, string> path, Func<Targets, Gen<(string, string)>> addressFaults)
    {
        HostileRequest Request(Targets t, string category, HostileBody body, string? at = null) =>
            new(category, route, HttpMethod.Patch, at ?? path(t)) { Body = Fhir(body) };
        return new RouteGenerator(route,
            t => Gen.Const(Request(t, "plausible", JsonFaults.Json(PlausibleAdd()))),
            t => Gen.Frequency<HostileRequest>(
                (2, Pick(Shapes()).SelectMany(body => JsonFaults.Of(body)).Select(fault => Request(t, fault.Category, fault.Body))),
                (3, CapacityParameterFaults.Of(PlausibleAdd()).Select(fault => Request(t, fault.Category, fault.Body))),
                (1, addressFaults(t).Select(fault => Request(t, fault.Item1, JsonFaults.Json(PlausibleAdd()), fault.Item2))),
                (1, HeaderFaults(Request(t, "plausible", JsonFaults.Json(PlausibleAdd()))))),
            HasBody: true);
    }

    /// <summary>Identifiers that name no lieu, or are not identifiers: each a path with its query.</summary>
    private static Gen<(string, string)> IdentifierFaults(Targets t)
    {
        var key = t.SupplyIdentifier[(t.SupplyIdentifier.IndexOf('/') + 1)..];
        var finess = t.SupplyIdentifier[1..t.SupplyIdentifier.IndexOf('/')];
        return Gen.OneOf(
            "", "?identifier=", $"?identifier={finess}", $"?identifier=1{finess}", $"?identifier=1{finess}/", $"?identifier=/{key}",
            $"?identifier=0{finess}/{key}", $"?identifier=1{finess}/{Q(key)}&identifier=1{finess}/{Q(key)}", $"?identifier=1{finess}/{Q(key)}&name=x",
            $"?identifier=1{finess}/{Q(key)}&_count=5", $"?identifier=1{finess}/{Q(key)}&_pretty=maybe", $"?identifier=1%00{finess[1..]}/{Q(key)}",
            $"?identifier=1{finess}/{Q(key)}%00", $"?identifier=1{finess}/{Malformed.Long(101)}", $"?identifier=1{finess}/NO-SUCH-LIEU",
            $"?identifier=1999999999/{Q(key)}", $"?identifier=1{finess}/%E2%80%AE", $"?identifier=1{finess}/%FF%FE", $"?identifier=1{finess}/%01%1F",
            $"?identifier={Malformed.Long(5000)}", $"?identifier=1{finess}1/{Q(key)}", $"?IDENTIFIER=1{finess}/{Q(key)}",
            $"?identifier=1{finess}/{Q(key.ToLowerInvariant())}", $"?identifier={Q($"|1{finess}/{key}|")}")
            .Select(query => (query.Contains("%00", StringComparison.Ordinal) ? Category.Nul : Category.UnknownIds, "/fhir/Location" + query));
    }

    private static Gen<(string, string)> IdFaults(Targets t) =>
        Gen.OneOf(Malformed.PathIds, Gen.OneOf(t.SupplyLocation + "x", t.SupplyLocation.ToUpperInvariant(), t.SupplyLocation[..^1], "%01"))
            .Select(id => (Category.UnknownIds, "/fhir/Location/" + id));

    /// <summary>
    /// The plausible request with a header that cannot be taken (If-Match not an ETag of this
    /// server or stale, X-Request-Id not a request id) or sent by a caller who may not supply the lieu.
    /// </summary>
    public static Gen<HostileRequest> HeaderFaults(HostileRequest plausible) => Gen.OneOf<HostileRequest>(
        Gen.OneOf("garbage", "W/\"-1\"", "W/\"99999999999999999999\"", "W/\"1.5\"", "*", "W/\"0\"", "\"0\"", "W/\"\"", Malformed.Long(5000), "W/\"1\", W/\"2\"")
            .Select(ifMatch => plausible.WithHeader("If-Match", ifMatch) with { Category = Category.WrongTypes }),
        Gen.OneOf("a b", Malformed.Long(201), "a\tb", "<script>", "\"quoted id\"")
            .Select(id => plausible.WithHeader("X-Request-Id", id) with { Category = Category.OutOfRange }),
        Gen.OneOf<Caller>(new Caller.Client("test-other-supplier"), new Caller.Client("test-public"), new Caller.Client("test-editor"), new Caller.Anonymous())
            .Select(caller => plausible with { Category = Category.Tokens, Caller = caller }));
}
