using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Establishments;

/// <summary>
/// Command bodies are clean JSON of the command's own members, or refused before anything is
/// decided: 400 (413 for a body too large) with an OperationOutcome, and no event written.
/// </summary>
public sealed class refusing_malformed_bodies : ApiFixture
{
    private static string Registration(Action<JsonObject> spoil)
    {
        var body = Requests.Registration();
        spoil(body);
        return body.ToJsonString();
    }

    private static IEnumerable<TestCaseData> BadRegistrations()
    {
        yield return new TestCaseData(Registration(b => b["eg"]!["name"] = "CH\u0000DE FLEYRIAT"), "eg.name").SetName("a NUL in a string");
        yield return new TestCaseData(Registration(b => b["eg"]!["address"]!["communeCog"] = "99999"), "eg.address.communeCog")
            .SetName("a commune no région can validate");
        yield return new TestCaseData(Registration(b => b["eg"]!["coordinates"] = new JsonObject { ["latitude"] = 999, ["longitude"] = 5.2 }),
            "eg.coordinates.latitude").SetName("a latitude of 999");
        yield return new TestCaseData(Registration(b => b["eg"]!["siret"] = new string('1', 100_000)), "eg.siret").SetName("a 100 KB SIRET");
        yield return new TestCaseData(Registration(b => b["eg"]!["siret"] = "2601000450001"), "eg.siret").SetName("a SIRET of 13 digits");
        yield return new TestCaseData(Registration(b => b["eg"]!["categorie"] = new JsonObject { ["code"] = "355" }), "eg.categorie")
            .SetName("a misspelt member");
        yield return new TestCaseData(Registration(b => b["eg"]!["openingDate"] = "9999-12-31"), "eg.openingDate").SetName("an opening date in year 9999");
        yield return new TestCaseData(Registration(b => b["eg"]!["coordinates"] = new JsonObject { ["latitude"] = "46.2", ["longitude"] = 5.2 }),
            "eg.coordinates.latitude").SetName("a number written as a string");
        yield return new TestCaseData(
            Registration(b => b["eg"]!["name"] = "X").Replace("\"name\":\"X\"", "\"name\":\"X\",\"Name\":\"Y\""), "eg.Name")
            .SetName("two keys differing only by case");
        yield return new TestCaseData(
            Registration(b => b["eg"]!["name"] = "X").Replace("\"name\":\"X\"", "\"name\":\"X\",\"name\":\"Y\""), "eg.name")
            .SetName("the same key twice");
        yield return new TestCaseData(Registration(b => b["eg"]!["name"] = "X").Replace("\"name\":\"X\"", "\"name\":\"\\ud800\""), "eg.name")
            .SetName("a lone surrogate");
        yield return new TestCaseData(Registration(b => b["eg"]!["coordinates"] = new JsonObject { ["latitude"] = 1, ["longitude"] = 5.2 })
            .Replace("\"latitude\":1", "\"latitude\":1e999"), "eg.coordinates.latitude").SetName("an infinite latitude");
        yield return new TestCaseData(Registration(b => b["eg"]!["coordinates"] = new JsonObject { ["latitude"] = "NaN", ["longitude"] = 5.2 }),
            "eg.coordinates.latitude").SetName("a latitude of NaN");
    }

    [TestCaseSource(nameof(BadRegistrations))]
    public async Task a_bad_registration_is_refused_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var response = await Client.PostAsync("/api/establishments", Refusals.RawJson(body));

        await response.AssertRefused(HttpStatusCode.BadRequest, field);
        Assert.That(await App.EventCount(), Is.Zero);
    }

    [Test]
    public async Task invalid_utf8_is_refused()
    {
        var bytes = Encoding.UTF8.GetBytes(Registration(b => b["eg"]!["name"] = "CH @@ FLEYRIAT"));
        var at = Encoding.UTF8.GetString(bytes).IndexOf("@@", StringComparison.Ordinal);
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;

        var response = await Client.PostAsync("/api/establishments", Refusals.RawJson(bytes));

        await response.AssertRefused(HttpStatusCode.BadRequest, "eg.name");
        Assert.That(await App.EventCount(), Is.Zero);
    }

    [Test]
    public async Task a_body_over_the_limit_is_refused_with_413()
    {
        var body = Registration(b => b["eg"]!["longName"] = new string('x', 300 * 1024));

        var response = await Client.PostAsync("/api/establishments", Refusals.RawJson(body));

        await response.AssertRefused(HttpStatusCode.RequestEntityTooLarge, null);
        Assert.That(await App.EventCount(), Is.Zero);
    }

    [Test]
    public async Task a_nesting_too_deep_is_refused()
    {
        var body = new string('[', 5000) + new string(']', 5000);

        var response = await Client.PostAsync("/api/establishments", Refusals.RawJson(body));

        await response.AssertRefused(HttpStatusCode.BadRequest, null);
    }

    [Test]
    public async Task a_clean_registration_still_passes()
    {
        var body = Registration(b =>
        {
            b["eg"]!["siret"] = "26010004500012";
            b["eg"]!["coordinates"] = new JsonObject { ["latitude"] = 46.2135, ["longitude"] = 5.2418 };
            b["eg"]!["openingDate"] = "1861-01-01";
        });

        var response = await Client.PostAsync("/api/establishments", Refusals.RawJson(body));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    private static IEnumerable<TestCaseData> BadPatches()
    {
        yield return new TestCaseData(Encoding.UTF8.GetBytes("""{ "operationalName": "CH\u0000Fleyriat" }"""), "operationalName").SetName("a patch with a NUL");
        yield return new TestCaseData(Encoding.UTF8.GetBytes("""{ "operationalName": "CH \udc00 Fleyriat" }"""), "operationalName").SetName("a patch with a lone surrogate");
        yield return new TestCaseData(Encoding.UTF8.GetBytes("""{ "operationalName": "CH @@ Fleyriat" }""").Select(b => b == (byte)'@' ? (byte)0xFF : b).ToArray(),
            "operationalName").SetName("a patch with invalid UTF-8");
        yield return new TestCaseData(Encoding.UTF8.GetBytes("""{ "operationalName": "CH @ Fleyriat" }""").Select(b => b == (byte)'@' ? (byte)0x7F : b).ToArray(),
            "operationalName").SetName("a patch with a raw DEL");
        yield return new TestCaseData(Encoding.UTF8.GetBytes("{ \"operationalName\": \"CH \u0085 Fleyriat\" }"), "operationalName")
            .SetName("a patch with a raw C1 control (next line, C2 85)");
        yield return new TestCaseData(Encoding.UTF8.GetBytes("""{ "operationalName": "A", "OperationalName": "B" }"""), "OperationalName")
            .SetName("a patch naming a field twice, by case");
        yield return new TestCaseData(Encoding.UTF8.GetBytes("""{ "operationalName": "A", "operationalName": "B" }"""), "operationalName")
            .SetName("a patch naming a field twice");
        yield return new TestCaseData(Encoding.UTF8.GetBytes("""{ "operationalNmae": "A" }"""), "operationalNmae").SetName("a patch naming an unknown field");
    }

    [TestCaseSource(nameof(BadPatches))]
    public async Task a_bad_patch_is_refused_naming_the_field_and_nothing_is_stored(byte[] body, string field)
    {
        await Client.Register(Requests.Registration()).EnsureOk();
        var before = await App.StreamVersion(StructureRequests.EG);

        var response = await Client.PatchAsync($"/api/establishments/{StructureRequests.EG}", Refusals.RawJson(body));

        await response.AssertRefused(HttpStatusCode.BadRequest, field);
        Assert.That(await App.StreamVersion(StructureRequests.EG), Is.EqualTo(before));
    }
}
