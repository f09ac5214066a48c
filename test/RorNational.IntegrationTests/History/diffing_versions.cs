using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using RorNational.Fhir;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.History;

/// <summary>
/// $diff, as HAPI's: the differences between two versions (or the versions current at two
/// instants) as a FHIR Patch with previous values, computed on the versions as the caller's
/// profile sees them; auditors only.
/// </summary>
public sealed class diffing_versions : ApiFixture
{
    private string _uo = "";
    private DateTimeOffset _beforeAll, _published, _edited;

    [SetUp]
    public async Task GivenAUnitEditedOnce()
    {
        _beforeAll = await HospitalChanges.Mark();
        await Client.PublishHospital();
        _uo = await Client.FhirIdOfUnit("HealthcareService", "010000024-uo-cardio-hc");
        _published = await HospitalChanges.Mark();
        await Edit(Content(16));
        _edited = await HospitalChanges.Mark();
    }

    private Task Edit(JsonObject content) => Client.PutAsJsonAsync($"/api/establishments/{EG}/uo/uo-cardio-hc/content", content).EnsureOk();

    private string Diff(string query = "") => $"/fhir/HealthcareService/{_uo}/$diff" + (query.Length > 0 ? "?" + query : "");

    private static string Instant(DateTimeOffset at) => Uri.EscapeDataString(HospitalChanges.Instant(at));

    private async Task<Parameters> DiffAs(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        // An empty diff is a Parameters without parameters, which the strict parser refuses.
        return FhirJson.ParseOwn<Parameters>(JsonNode.Parse(body)!.AsObject());
    }

    private static IEnumerable<Parameters.ParameterComponent> Operations(Parameters diff) => diff.Parameter.Where(p => p.Name == "operation");

    private static string? Part(Parameters.ParameterComponent operation, string name) => operation.Part.FirstOrDefault(p => p.Name == name)?.Value?.ToString();

    [Test]
    public async Task a_changed_value_is_a_replace_with_its_previous_value()
    {
        var diff = await DiffAs(Client, Diff("fromVersion=1&toVersion=2"));

        var replace = Operations(diff).Single();
        Assert.That(Part(replace, "type"), Is.EqualTo("replace"));
        Assert.That(Part(replace, "path"), Does.StartWith("HealthcareService.").And.EndWith(".value"));
        Assert.That(replace.Part.Single(p => p.Name == "previousValue").Value, Is.TypeOf<FhirDecimal>());
        Assert.That(Part(replace, "previousValue"), Is.EqualTo("18"));
        Assert.That(Part(replace, "value"), Is.EqualTo("16"));
        Assert.That(replace.Part.Select(p => p.Name), Is.EqualTo(new[] { "type", "path", "previousValue", "value" }));

        Assert.That(FhirJson.Serialize(await DiffAs(Client, Diff())), Is.EqualTo(FhirJson.Serialize(diff)), "by default: the current version against the one before");
        Assert.That(FhirJson.Serialize(await DiffAs(Client, Diff($"from={Instant(_published)}&to={Instant(_edited)}"))), Is.EqualTo(FhirJson.Serialize(diff)),
            "between two instants: the versions then current");
        Assert.That(FhirJson.Serialize(await DiffAs(Client, Diff($"from=HealthcareService/{_uo}/_history/1&to=2"))), Is.EqualTo(FhirJson.Serialize(diff)));
        Assert.That(Operations(await DiffAs(Client, Diff($"from={Instant(_published)}&toVersion=1"))), Is.Empty, "the same version");
    }

    [Test]
    public async Task meta_is_compared_only_when_asked()
    {
        var diff = await DiffAs(Client, Diff("fromVersion=1&toVersion=2&includeMeta=true"));
        var versionId = Operations(diff).Single(o => Part(o, "path") == "HealthcareService.meta.versionId");
        Assert.That(Part(versionId, "previousValue"), Is.EqualTo("1"));
        Assert.That(Part(versionId, "value"), Is.EqualTo("2"));
    }

    [Test]
    public async Task added_and_removed_items_are_inserts_and_deletes()
    {
        var content = Content(16);
        content["contacts"]![0]!["telecoms"]!.AsArray().Add(new JsonObject { ["channel"] = "2", ["value"] = "0474451111", ["confidentiality"] = 1 });
        await Edit(content);
        var inserted = await DiffAs(Client, Diff("fromVersion=2&toVersion=3"));
        var insert = Operations(inserted).Single();
        Assert.That(Part(insert, "type"), Is.EqualTo("insert"));
        Assert.That(Part(insert, "path"), Does.StartWith("HealthcareService.extension[").And.EndWith("].extension"), "a contact's telecom is an extension of its contact");
        Assert.That(Part(insert, "index"), Is.Not.Null);
        var value = insert.Part.Single(p => p.Name == "value");
        Assert.That(value.Value, Is.Null, "an extension is not among R4's open types: its children go as parts");
        Assert.That(value.Part.Select(p => p.Name), Does.Contain("url").And.Contain("extension"));
        Assert.That(FhirJson.Serialize(inserted), Does.Contain("0474451111"));

        var deleted = await DiffAs(Client, Diff("fromVersion=3&toVersion=2"));
        Assert.That(Operations(deleted).Select(o => Part(o, "type")), Is.EqualTo(new[] { "delete" }));
        Assert.That(Part(Operations(deleted).Single(), "path"), Is.EqualTo($"{Part(insert, "path")}[{Part(insert, "index")}]"), "the item inserted, deleted");
    }

    [Test]
    public async Task a_diff_never_shows_what_the_caller_s_profile_hides()
    {
        var content = Content(16);
        content["contacts"]![0]!["telecoms"]![1]!["value"] = "0474459999";
        await Edit(content);

        var crisis = FhirJson.Serialize(await DiffAs(Client, Diff("fromVersion=2&toVersion=3")));
        Assert.That(crisis, Does.Contain("0474450000").And.Contain("0474459999"), "the level-3 number changed");

        var publicAuditor = await DiffAs(App.ClientFor(TestClients.Auditor), Diff("fromVersion=2&toVersion=3"));
        Assert.That(Operations(publicAuditor), Is.Empty, "an auditor reading with P0 sees no level-3 number, so no change");
        var whole = FhirJson.Serialize(await DiffAs(App.ClientFor(TestClients.Auditor), Diff("fromVersion=1&toVersion=3")));
        Assert.That(whole, Does.Not.Contain("0474450000").And.Not.Contain("0474459999").And.Not.Contain("0474454647"));
    }

    [Test]
    public async Task only_auditors_may_diff()
    {
        foreach (var client in new[] { "test-consumer-crisis", TestClients.Public, TestClients.Editor })
            await (await App.ClientFor(client).GetAsync(Diff())).AssertRefused(HttpStatusCode.Forbidden, null);
        await (await App.ClientFor("test-consumer-crisis").GetAsync("/fhir/HealthcareService/unknown/$diff")).AssertRefused(HttpStatusCode.Forbidden, null);
    }

    [Test]
    public async Task unknown_resources_and_versions_retired_versions_and_bad_parameters_are_refused()
    {
        await (await Client.GetAsync("/fhir/HealthcareService/unknown/$diff")).AssertRefused(HttpStatusCode.NotFound, null);
        await (await Client.GetAsync(Diff("fromVersion=99"))).AssertRefused(HttpStatusCode.NotFound, null);
        await (await Client.GetAsync(Diff("to=99"))).AssertRefused(HttpStatusCode.NotFound, null);
        await (await Client.GetAsync(Diff($"from={Instant(_beforeAll)}"))).AssertRefused(HttpStatusCode.NotFound, null);
        foreach (var (query, field) in new[]
                 {
                     ("from=2026-13-45T00:00:00Z", "from"), ("from=yesterday", "from"), ("to=2026-03-02", "to"), ("fromVersion=abc", "fromVersion"),
                     ("toVersion=0", "toVersion"), ("fromVersion=1&from=1", "from"), ("includeMeta=maybe", "includeMeta"),
                     ("from=Location/other/_history/1", "from"), ("fromVersion=1&fromVersion=2", "fromVersion"),
                 })
            await (await Client.GetAsync(Diff(query))).AssertRefused(HttpStatusCode.BadRequest, field);

        await Client.RemoveThroughDossier("uo-cardio-hc");
        await (await Client.GetAsync(Diff())).AssertRefused(HttpStatusCode.Gone, null);
        await (await Client.GetAsync(Diff("toVersion=3"))).AssertRefused(HttpStatusCode.Gone, null);
        Assert.That(Operations(await DiffAs(Client, Diff("toVersion=2"))), Is.Not.Empty, "the versions before the retirement stay comparable");
    }
}
