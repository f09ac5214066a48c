using System.Text.Json.Nodes;
using CsCheck;
using RorNational.HostileInput.Tests.Requests;
using static RorNational.HostileInput.Tests.Generators.Cases;

namespace RorNational.HostileInput.Tests.Generators;

/// <summary>
/// The professionals' routes under /api: recording an identity by RPPS number (its body, malformed
/// numbers) and reading it; and the roles a UO's content names (<see cref="RoleFaults"/>, mixed
/// into the direct edit's faults by <see cref="Commands"/>).
/// </summary>
public static class Practitioners
{
    public const string Record = "PUT /api/practitioners/{rpps}";
    public const string Read = "GET /api/practitioners/{rpps}";

    /// <summary>A professional the samples record (samples/practitioners).</summary>
    private const string SampleRpps = "10107654321";

    /// <summary>Malformed RPPS numbers (no NUL: Kestrel refuses it in a path before the host sees it).</summary>
    private static readonly string[] MalformedRpps = ["1234", "101076543210", "1010765432a", "-1", "1e10", "%20%20", "10107654321%20", new string('1', 3000)];

    /// <summary>Whether a route is the professionals' (its right: an admin or an editor of any establishment).</summary>
    public static bool IsPractitionerRoute(string route) => route.Contains(" /api/practitioners/", StringComparison.Ordinal);

    /// <summary>
    /// Last in the catalogue, so that the requests drawn for the other routes stay those of the
    /// default seed: the professionals' FHIR reads and searches, their /api routes, and the roles
    /// of a UO's content (a second generator of the direct edit).
    /// </summary>
    public static IEnumerable<RouteGenerator> Routes() =>
    [
        .. FhirReads.OfTypes(Targets.ProfessionalTypes), .. Searches.OfTypes(Targets.ProfessionalTypes),
        Commands.Route(Commands.EditContent, t => $"/api/establishments/{t.Eg}/uo/{t.PublishedUO}/content", _ => [CommandBodies.Content()], RoleFaults),
        new RouteGenerator(Record,
            _ => Gen.Const(Put(SampleRpps, "plausible", JsonFaults.Json(Identity()))),
            _ => Any(
                JsonFaults.Of(Identity()).Select(fault => Put(SampleRpps, fault.Category, fault.Body)),
                IdentityFaults().Select(fault => Put(SampleRpps, fault.Item1, fault.Item2)),
                Gen.OneOf(MalformedRpps).Select(rpps => Put(rpps, Category.UnknownIds, JsonFaults.Json(Identity())))),
            HasBody: true),
        new RouteGenerator(Read,
            _ => Gen.Const(new HostileRequest("plausible", Read, HttpMethod.Get, $"/api/practitioners/{SampleRpps}")),
            _ => Any(Gen.OneOf([.. MalformedRpps, "10199999999"]).Select(rpps =>
                new HostileRequest(Category.UnknownIds, Read, HttpMethod.Get, $"/api/practitioners/{rpps}")))),
    ];

    public static JsonObject Identity() => new()
    {
        ["civility"] = "M",
        ["familyName"] = "FAVIER",
        ["givenNames"] = new JsonArray("Julien"),
        ["mailboxes"] = new JsonArray(new JsonObject { ["channel"] = "3", ["value"] = "julien.favier@kine.mssante.fr", ["confidentiality"] = 1 }),
    };

    /// <summary>Roles a UO's content may not hold: malformed RPPS numbers, codes outside their value sets, null items.</summary>
    public static Gen<(string, HostileBody)> RoleFaults(JsonObject content) => Gen.OneOf(
            ("[null]", Category.NullItems), ("null", Category.NullItems), ("[{}]", Category.NullItems),
            ("[{\"rpps\":\"1234\",\"profession\":\"70\",\"exerciseMode\":\"L\",\"expertiseType\":\"CM\"}]", Category.OutOfRange),
            ("[{\"rpps\":\"10107654321\",\"profession\":\"99\",\"exerciseMode\":\"L\",\"expertiseType\":\"CM\"}]", Category.WrongTypes),
            ("[{\"rpps\":\"10107654321\",\"profession\":\"70\",\"exerciseMode\":\"Z\",\"expertiseType\":\"CM\"}]", Category.WrongTypes),
            ("[{\"rpps\":\"10107654321\",\"profession\":\"70\",\"exerciseMode\":\"L\",\"expertiseType\":\"CM\",\"ordinalSpecialty\":\"SM99\"}]", Category.WrongTypes),
            ("[{\"rpps\":\"10107654321\",\"profession\":\"70\",\"exerciseMode\":\"L\",\"expertiseType\":\"CM\",\"hours\":{\"day\":9,\"type\":\"01\"}}]", Category.OutOfRange),
            ("[{\"rpps\":\"10107654321\",\"profession\":\"70\",\"exerciseMode\":\"L\",\"expertiseType\":\"CM\",\"telecom\":{\"channel\":\"2\",\"value\":\"1\",\"confidentiality\":7}}]", Category.OutOfRange),
            ("[{\"rpps\":\"10107654321\",\"profession\":\"70\",\"exerciseMode\":\"L\",\"expertiseType\":\"CM\",\"specificCompetences\":[null]}]", Category.NullItems),
            ("[{\"rpps\":\"10107654321\",\"profession\":\"70\",\"exerciseMode\":\"L\",\"expertiseType\":\"CM\",\"rppss\":\"x\"}]", Category.UnknownMembers))
        .Select(fault => (fault.Item2, JsonFaults.Marked(content, "practitionerRoles", fault.Item1)));

    private static HostileRequest Put(string rpps, string category, HostileBody body) =>
        new(category, Record, HttpMethod.Put, $"/api/practitioners/{rpps}") { Body = body };

    private static Gen<(string, HostileBody)> IdentityFaults()
    {
        var body = Identity();
        Gen<(string, HostileBody)> Set(string category, string path, params string[] literals) =>
            Gen.OneOf(literals).Select(literal => (category, JsonFaults.Marked(body, path, literal)));
        return Gen.OneOf<(string, HostileBody)>(
            Set(Category.WrongTypes, "civility", "\"DR\"", "1", "[\"M\"]", "\"\""),
            Set(Category.OutOfRange, "familyName", "\"\"", "\"   \"", $"\"{Malformed.Long(100_000)}\"", "null"),
            Set(Category.NullItems, "givenNames", "null", "[null]", "[\"\"]"),
            Set(Category.NullItems, "mailboxes", "null", "[null]"),
            Set(Category.WrongTypes, "mailboxes.0.channel", "\"99\"", "null", "3"),
            Set(Category.OutOfRange, "mailboxes.0.confidentiality", "0", "4", "\"1\"", "null"),
            Set(Category.OutOfRange, "mailboxes.0.value", $"\"{Malformed.Long(100_000)}\"", "\"\""),
            Set(Category.UnknownMembers, "familyName", "\"X\",\"rpps\":\"10107654321\"", "\"X\",\"familyname\":\"Y\""));
    }
}
