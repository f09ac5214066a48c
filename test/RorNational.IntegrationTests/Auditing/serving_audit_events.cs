using System.Net;
using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Auditing;

/// <summary>
/// GET /fhir/AuditEvent/{id}, the search and $verify-integrity: auditor clients only, whatever
/// their profile; AuditEvents never change through the API (405). The hospital is published
/// once and read by consumers; the tests only read what that recorded.
/// </summary>
public class serving_audit_events : ApiFixture
{
    protected override bool ResetBetweenTests => false;

    private HttpClient Auditor => App.ClientFor(TestClients.Auditor);
    private string _unit = "";
    private string _protectedReadId = "";

    [OneTimeSetUp]
    public async Task ReadTheHospital()
    {
        await Client.PublishHospital();
        var bundle = await (await App.ClientFor("test-consumer-crisis").GetAsync("/fhir/HealthcareService")).ReadJson();
        _unit = bundle["entry"]![0]!["resource"]!["id"]!.GetValue<string>();
        var (response, requestId) = await App.ClientFor("test-consumer-crisis").Get($"/fhir/HealthcareService/{_unit}");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        _protectedReadId = (await AuditTrail.RecordedFor(ConnectionString, requestId)).Single()["id"]!.GetValue<string>();
        await App.ClientFor("test-consumer-professional").GetAsync($"/fhir/HealthcareService?_id={_unit}");
    }

    private async Task<JsonObject> Search(string query)
    {
        var response = await Auditor.GetAsync("/fhir/AuditEvent" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), $"{query}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    private static string[] Ids(JsonObject bundle) =>
        [.. (bundle["entry"] as JsonArray ?? []).Select(e => e!["resource"]!["id"]!.GetValue<string>())];

    [Test]
    public async Task an_auditor_reads_an_audit_event_by_its_id_whatever_its_own_profile()
    {
        var (response, requestId) = await Auditor.Get($"/fhir/AuditEvent/{_protectedReadId}");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        var audit = await response.ReadJson();
        Assert.That(audit["resourceType"]!.GetValue<string>(), Is.EqualTo("AuditEvent"));
        Assert.That(audit["agent"]![0]!["who"]!["identifier"]!["value"]!.GetValue<string>(), Is.EqualTo("test-consumer-crisis"),
            "an auditor reading with the public profile is served the record of a crisis read as recorded");
        Assert.That(await AuditTrail.RecordedFor(ConnectionString, requestId), Is.Empty, "reading the audit is not itself recorded");
        Assert.That((await Auditor.GetAsync("/fhir/AuditEvent/no-such-event")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task the_chain_stores_a_compact_row_and_the_audit_event_is_rendered_from_it_the_same_way_each_time()
    {
        var stored = await StoredContent(_protectedReadId);
        Assert.That(stored, Does.Not.Contain("resourceType"), "the facts, not the AuditEvent");
        Assert.That(stored.Length, Is.LessThan(400), stored);

        var served = await (await Auditor.GetAsync($"/fhir/AuditEvent/{_protectedReadId}")).Content.ReadAsStringAsync();
        Assert.That(await (await Auditor.GetAsync($"/fhir/AuditEvent/{_protectedReadId}")).Content.ReadAsStringAsync(), Is.EqualTo(served));
        var inSearch = (await Search($"?_count=1000"))["entry"]!.AsArray().Single(e => e!["resource"]!["id"]!.GetValue<string>() == _protectedReadId)!;
        Assert.That(inSearch["resource"]!.ToJsonString(), Is.EqualTo(JsonNode.Parse(served)!.ToJsonString()), "the search renders it alike");
        var audit = JsonNode.Parse(served)!;
        Assert.That(AuditTrail.Codes(audit["agent"]![0]!["role"]![0]), Is.EqualTo(new[] { "urn:ror:access-profile|P1" }));
        Assert.That(audit["agent"]![0]!["who"]!["display"]!.GetValue<string>(), Is.EqualTo("A consumer reading with P1"));
        Assert.That(audit["entity"]!.AsArray().Select(e => e!["what"]?["reference"]?.GetValue<string>()).OfType<string>().Single(),
            Does.StartWith($"HealthcareService/{_unit}/_history/"));
    }

    [Test]
    public async Task a_row_recorded_with_its_whole_audit_event_is_served_as_stored()
    {
        var id = Guid.NewGuid().ToString();
        var whole = $$"""{"resourceType":"AuditEvent","id":"{{id}}","recorded":"2026-03-02T08:30:00.000+00:00"}""";
        await Sql.Execute(ConnectionString,
            // Under the chain's lock, as the linker appends: a link made meanwhile would take the same position.
            $"select pg_advisory_xact_lock({RorNational.Fhir.Auditing.Chain.ChainLinker.ChainLock}); " +
            "insert into ror.audit_chain (position, kind, id, recorded, agent, type, subtype, entities, entity_types, content, previous_hash, hash) " +
            $"select max(position) + 1, 'AuditEvent', '{id}', now(), 'x', 'rest', 'read', '{{}}', '{{}}', '{whole}', '\\x00', '\\x00' from ror.audit_chain");
        try
        {
            Assert.That(await (await Auditor.GetAsync($"/fhir/AuditEvent/{id}")).Content.ReadAsStringAsync(), Is.EqualTo(whole));
        }
        finally
        {
            await Sql.Execute(ConnectionString, $"delete from ror.audit_chain where id = '{id}'");
        }
    }

    private async Task<string> StoredContent(string id)
    {
        await AuditTrail.Linked(App);
        return await Sql.Scalar<string>(ConnectionString, "select content from ror.audit_chain where kind = 'AuditEvent' and id = $1", id);
    }

    [TestCase("?agent=test-consumer-crisis", true)]
    [TestCase("?agent=urn:ror:client-id|test-consumer-crisis", true)]
    [TestCase("?agent=test-consumer-professional", false)]
    [TestCase("?subtype=read", true)]
    [TestCase("?subtype=search-type", false)]
    [TestCase("?type=rest&subtype=read,vread", true)]
    [TestCase("?entity-type=HealthcareService", true)]
    [TestCase("?entity-type=Location", false)]
    [TestCase("?date=2026-03-02", true)]
    [TestCase("?date=ge2026-03-02T08:30:00Z&date=lt2026-03-03", true)]
    [TestCase("?date=lt2026-03-02", false)]
    public async Task a_search_finds_the_audit_events_matching_its_parameters(string query, bool findsTheRead)
    {
        var found = Ids(await Search(query));
        Assert.That(found.Contains(_protectedReadId), Is.EqualTo(findsTheRead), query);
    }

    [Test]
    public async Task a_search_by_entity_takes_a_resource_or_one_of_its_versions()
    {
        Assert.That(Ids(await Search($"?entity=HealthcareService/{_unit}")), Does.Contain(_protectedReadId));
        Assert.That(Ids(await Search($"?entity=HealthcareService/{_unit}/_history/1")), Does.Contain(_protectedReadId));
        Assert.That(Ids(await Search($"?entity=HealthcareService/{_unit}/_history/99")), Is.Empty);
        Assert.That(Ids(await Search("?entity=Location/nothing")), Is.Empty);
    }

    [Test]
    public async Task the_search_pages_from_the_newest_with_count()
    {
        var all = Ids(await Search("?_count=100"));
        Assert.That(all, Has.Length.GreaterThanOrEqualTo(2));
        var seen = new List<string>();
        string? next = "/fhir/AuditEvent?_count=1";
        while (next is not null)
        {
            var page = await Search(next[next.IndexOf('?')..]);
            Assert.That(page["total"]!.GetValue<long>(), Is.EqualTo(all.Length));
            seen.AddRange(Ids(page));
            next = (page["link"] as JsonArray)!.FirstOrDefault(l => l!["relation"]!.GetValue<string>() == "next")?["url"]?.GetValue<string>();
        }
        Assert.That(seen, Is.EqualTo(all), "every record once, newest first");
    }

    [Test]
    public async Task a_search_counts_alone_with_summary_count_and_skips_its_total_with_total_none()
    {
        var crisisReads = Ids(await Search("?agent=test-consumer-crisis&_count=1000")).Length;
        var counted = await Search("?agent=test-consumer-crisis&_summary=count");
        Assert.That(counted["total"]!.GetValue<long>(), Is.EqualTo(crisisReads).And.GreaterThan(0));
        Assert.That(counted["entry"], Is.Null);
        Assert.That((await Search("?agent=nobody&_summary=count"))["total"]!.GetValue<long>(), Is.Zero);

        var untotalled = await Search("?_count=1&_total=none");
        Assert.That(untotalled["total"], Is.Null);
        Assert.That(Ids(untotalled), Has.Length.EqualTo(1));
        Assert.That((untotalled["link"] as JsonArray)!.Any(l => l!["relation"]!.GetValue<string>() == "next"), "still paged");
    }

    [TestCase("?_summary=text", "_summary")]
    [TestCase("?_total=maybe", "_total")]
    [TestCase("?patient=x", "patient")]
    [TestCase("?date=yesterday", "date")]
    [TestCase("?entity=nonsense", "entity")]
    [TestCase("?_count=0", "_count")]
    [TestCase("?agent=http://other|x", "agent")]
    public async Task a_bad_parameter_is_a_400_naming_it(string query, string field)
    {
        await (await Auditor.GetAsync("/fhir/AuditEvent" + query)).AssertRefused(HttpStatusCode.BadRequest, field);
    }

    [TestCase("test-consumer-crisis")]
    [TestCase("test-public")]
    [TestCase("test-editor")]
    [TestCase("test-supplier")]
    public async Task only_auditor_clients_read_audit_events(string clientId)
    {
        var client = App.ClientFor(clientId);
        foreach (var path in new[] { "/fhir/AuditEvent", $"/fhir/AuditEvent/{_protectedReadId}", "/fhir/AuditEvent/$verify-integrity" })
            await (await client.GetAsync(path)).AssertRefused(HttpStatusCode.Forbidden, null);
    }

    [Test]
    public async Task audit_events_cannot_be_changed_or_deleted_through_the_api()
    {
        var body = new StringContent("{\"resourceType\":\"AuditEvent\"}", System.Text.Encoding.UTF8, "application/fhir+json");
        foreach (var (method, path) in new[]
                 {
                     (HttpMethod.Put, $"/fhir/AuditEvent/{_protectedReadId}"), (HttpMethod.Patch, $"/fhir/AuditEvent/{_protectedReadId}"),
                     (HttpMethod.Delete, $"/fhir/AuditEvent/{_protectedReadId}"), (HttpMethod.Post, "/fhir/AuditEvent"),
                 })
        {
            var response = await Client.SendAsync(new HttpRequestMessage(method, path) { Content = method == HttpMethod.Delete ? null : body });
            await response.AssertRefused(HttpStatusCode.MethodNotAllowed, null);
        }
        Assert.That((await Auditor.GetAsync($"/fhir/AuditEvent/{_protectedReadId}")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "still there");
    }

    [Test]
    public async Task the_capability_statement_lists_audit_event_and_its_interactions()
    {
        var statement = await (await Client.GetAsync("/fhir/metadata")).ReadJson();
        var resource = statement["rest"]![0]!["resource"]!.AsArray().Single(r => r!["type"]!.GetValue<string>() == "AuditEvent")!;
        Assert.That(resource["interaction"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()), Is.EquivalentTo(new[] { "read", "search-type" }));
        Assert.That(resource["searchParam"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()),
            Is.SupersetOf(new[] { "date", "agent", "entity", "entity-type", "type", "subtype" }));
        Assert.That(resource["operation"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("verify-integrity"));
    }
}
