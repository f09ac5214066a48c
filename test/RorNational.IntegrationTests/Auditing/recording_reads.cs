using System.Text;
using System.Text.Json.Nodes;
using Marten;
using RorNational.Fhir.Storage;
using RorNational.IntegrationTests.Access;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Search;
using RorNational.IntegrationTests.Validation;

namespace RorNational.IntegrationTests.Auditing;

/// <summary>
/// Who read what: a FHIR read, vread, history or search whose answer holds data the public
/// profile may not see is recorded, before it is answered, as an AuditEvent shaped like IHE
/// BALP (Read or Query); a read of public data only, or by the public profile, records nothing.
/// On the samples (a gynaecology unit with level-2 and level-3 telecoms...).
/// </summary>
public class recording_reads : SearchFixture
{
    private HttpClient Professional => App.ClientFor("test-consumer-professional");
    private HttpClient Crisis => App.ClientFor("test-consumer-crisis");
    private HttpClient Public => App.ClientFor("test-consumer-public");

    [Test]
    public async Task a_protected_read_records_one_balp_read_audit_event()
    {
        var (response, requestId) = await Professional.Get($"/fhir/HealthcareService/{GynecologyUO}");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        var version = (await response.ReadJson())["meta"]!["versionId"]!.GetValue<string>();

        var audit = (await AuditTrail.RecordedFor(ConnectionString, requestId)).Single();
        Assert.That(audit["meta"]!["profile"]![0]!.GetValue<string>(), Is.EqualTo("https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.Read"));
        Assert.That(AuditTrail.Codes(audit["type"]), Is.EqualTo(new[] { "http://terminology.hl7.org/CodeSystem/audit-event-type|rest" }));
        Assert.That(AuditTrail.Codes(audit["subtype"]![0]), Is.EqualTo(new[] { "http://hl7.org/fhir/restful-interaction|read" }));
        Assert.That(audit["action"]!.GetValue<string>(), Is.EqualTo("R"));
        Assert.That(audit["outcome"]!.GetValue<string>(), Is.EqualTo("0"));
        Assert.That(audit["recorded"]!.GetValue<string>(), Is.EqualTo("2026-03-02T08:30:00.000+00:00"), "the host's clock");

        var client = audit["agent"]![0]!;
        Assert.That(AuditTrail.Codes(client["type"]), Is.EqualTo(new[] { "http://dicom.nema.org/resources/ontology/DCM|110152" }), "the client receives the data");
        Assert.That(client["who"]!["identifier"]!["value"]!.GetValue<string>(), Is.EqualTo("test-consumer-professional"));
        Assert.That(AuditTrail.Codes(client["role"]![0]), Is.EqualTo(new[] { "urn:ror:access-profile|P2" }), "the token's profile");
        Assert.That(client["network"]!["address"]!.GetValue<string>(), Is.Not.Empty);
        Assert.That(AuditTrail.Codes(audit["agent"]![1]!["type"]), Is.EqualTo(new[] { "http://dicom.nema.org/resources/ontology/DCM|110153" }), "the server is the source");
        Assert.That(audit["source"]!["observer"]!["display"]!.GetValue<string>(), Is.EqualTo("RorNational"));

        var entities = audit["entity"]!.AsArray();
        var transaction = entities.Single(e => AuditTrail.Codes(e!["type"]).Single().EndsWith("|XrequestId", StringComparison.Ordinal))!;
        Assert.That(transaction["what"]!["identifier"]!["value"]!.GetValue<string>(), Is.EqualTo(requestId));
        var data = entities.Single(e => e!["what"]?["reference"] is not null)!;
        Assert.That(data["what"]!["reference"]!.GetValue<string>(), Is.EqualTo($"HealthcareService/{GynecologyUO}/_history/{version}"));
        Assert.That(AuditTrail.Codes(data["type"]), Is.EqualTo(new[] { "http://terminology.hl7.org/CodeSystem/audit-entity-type|2" }));
        Assert.That(AuditTrail.Codes(data["role"]), Is.EqualTo(new[] { "http://terminology.hl7.org/CodeSystem/object-role|4" }));
        Assert.That(AuditTrail.Codes(data["securityLabel"]![0]), Is.EqualTo(new[] { "urn:ror:access-profile|P2" }), "the caller's profile");

        var report = await new FhirValidator().ValidateAsync([audit.ToJsonString()]);
        Assert.That(report.Errors, Is.Empty, "valid R4: " + report);
    }

    [Test]
    public async Task a_vread_and_a_history_record_their_interaction()
    {
        var (read, _) = await Crisis.Get($"/fhir/HealthcareService/{GynecologyUO}");
        var version = (await read.ReadJson())["meta"]!["versionId"]!.GetValue<string>();

        var (vread, vreadId) = await Crisis.Get($"/fhir/HealthcareService/{GynecologyUO}/_history/{version}");
        Assert.That((int)vread.StatusCode, Is.EqualTo(200));
        var recorded = (await AuditTrail.RecordedFor(ConnectionString, vreadId)).Single();
        Assert.That(AuditTrail.Codes(recorded["subtype"]![0]).Single(), Does.EndWith("|vread"));
        Assert.That(recorded["action"]!.GetValue<string>(), Is.EqualTo("R"));

        var (history, historyId) = await Crisis.Get($"/fhir/HealthcareService/{GynecologyUO}/_history");
        Assert.That((int)history.StatusCode, Is.EqualTo(200));
        var audit = (await AuditTrail.RecordedFor(ConnectionString, historyId)).Single();
        Assert.That(AuditTrail.Codes(audit["subtype"]![0]).Single(), Does.EndWith("|history-instance"));
        Assert.That(audit["action"]!.GetValue<string>(), Is.EqualTo("E"));
        Assert.That(audit["entity"]!.AsArray().Select(e => e!["what"]?["reference"]?.GetValue<string>()),
            Does.Contain($"HealthcareService/{GynecologyUO}/_history/{version}"));
    }

    [TestCase("/fhir/HealthcareService/_history?_count=1000", "history-type")]
    [TestCase("/fhir/_history?_count=1000", "history-system")]
    public async Task a_type_or_system_history_records_its_interaction(string path, string interaction)
    {
        var (history, historyId) = await Crisis.Get(path);
        Assert.That((int)history.StatusCode, Is.EqualTo(200));
        var audit = (await AuditTrail.RecordedFor(ConnectionString, historyId)).Single();
        Assert.That(AuditTrail.Codes(audit["subtype"]![0]).Single(), Does.EndWith("|" + interaction));
        Assert.That(audit["action"]!.GetValue<string>(), Is.EqualTo("E"));
        Assert.That(audit["entity"]!.AsArray().Select(e => e!["what"]?["reference"]?.GetValue<string>()),
            Has.Some.StartsWith($"HealthcareService/{GynecologyUO}/_history/"));

        var (publicHistory, publicId) = await Public.Get(path);
        Assert.That((int)publicHistory.StatusCode, Is.EqualTo(200));
        Assert.That(await AuditTrail.RecordedFor(ConnectionString, publicId), Is.Empty, "the public profile reads public data only");
    }

    [Test]
    public async Task an_establishment_s_description_records_an_operation_query()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        var (description, requestId) = await App.ClientFor("test-all-rights").Get($"/fhir/Organization/eg-010000024/$description?at={at}");
        Assert.That((int)description.StatusCode, Is.EqualTo(200));
        var audit = (await AuditTrail.RecordedFor(ConnectionString, requestId)).Single();
        Assert.That(AuditTrail.Codes(audit["subtype"]![0]).Single(), Does.EndWith("|operation"));
        Assert.That(audit["action"]!.GetValue<string>(), Is.EqualTo("E"));
        Assert.That(audit["entity"]!.AsArray().Select(e => e!["what"]?["reference"]?.GetValue<string>()),
            Has.Some.StartsWith($"HealthcareService/{GynecologyUO}/_history/"));
    }

    [Test]
    public async Task a_search_records_a_balp_query_audit_event_with_the_raw_query()
    {
        var query = $"/fhir/HealthcareService?_id={GynecologyUO}&_include=HealthcareService:location";
        var (response, requestId) = await Professional.Get(query);
        Assert.That((int)response.StatusCode, Is.EqualTo(200));

        var audit = (await AuditTrail.RecordedFor(ConnectionString, requestId)).Single();
        Assert.That(audit["meta"]!["profile"]![0]!.GetValue<string>(), Is.EqualTo("https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.Query"));
        Assert.That(AuditTrail.Codes(audit["subtype"]![0]).Single(), Does.EndWith("|search-type"));
        Assert.That(audit["action"]!.GetValue<string>(), Is.EqualTo("E"));
        Assert.That(AuditTrail.Codes(audit["agent"]![0]!["type"]).Single(), Does.EndWith("|110153"), "in a query the client is the source");
        var queryEntity = audit["entity"]!.AsArray().Single(e => AuditTrail.Codes(e!["role"]).SequenceEqual(["http://terminology.hl7.org/CodeSystem/object-role|24"]))!;
        Assert.That(Encoding.UTF8.GetString(Convert.FromBase64String(queryEntity["query"]!.GetValue<string>())), Is.EqualTo("GET " + query));
        Assert.That(queryEntity["description"]!.GetValue<string>(), Does.Contain("_include=HealthcareService:location"));
        var references = audit["entity"]!.AsArray().Select(e => e!["what"]?["reference"]?.GetValue<string>()).OfType<string>().ToList();
        Assert.That(references, Has.Some.StartsWith($"HealthcareService/{GynecologyUO}/_history/"));
        Assert.That(references, Has.Some.StartsWith("Location/"), "an included resource is returned data too");
    }

    [Test]
    public async Task a_posted_search_records_its_form_body_in_the_raw_query()
    {
        var form = new FormUrlEncodedContent([new("_id", GynecologyUO)]);
        var (response, requestId) = await Professional.Send(HttpMethod.Post, "/fhir/HealthcareService/_search", form);
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        var audit = (await AuditTrail.RecordedFor(ConnectionString, requestId)).Single();
        var query = audit["entity"]!.AsArray().Select(e => e!["query"]?.GetValue<string>()).OfType<string>().Single();
        Assert.That(Encoding.UTF8.GetString(Convert.FromBase64String(query)), Is.EqualTo($"POST /fhir/HealthcareService/_search\n_id={GynecologyUO}"));
    }

    [Test]
    public async Task a_search_on_data_above_the_public_level_is_recorded_even_when_it_returns_only_a_count()
    {
        var (response, requestId) = await Crisis.Get("/fhir/HealthcareService?specific-competence=012&_summary=count");
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        Assert.That(await AuditTrail.RecordedFor(ConnectionString, requestId), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task a_public_read_and_a_public_search_record_nothing()
    {
        foreach (var path in new[] { $"/fhir/HealthcareService/{GynecologyUO}", $"/fhir/HealthcareService?_id={GynecologyUO}", "/fhir/HealthcareService?_count=100" })
        {
            var (response, requestId) = await Public.Get(path);
            Assert.That((int)response.StatusCode, Is.EqualTo(200), path);
            Assert.That(await AuditTrail.RecordedFor(ConnectionString, requestId), Is.Empty, path);
        }
    }

    [Test]
    public async Task a_read_whose_answer_holds_only_public_data_records_nothing()
    {
        var publicProfile = ConfiguredProfiles.Of("public");
        await using var session = App.Store.QuerySession();
        var locations = await session.Query<LocationDocument>().Where(l => !l.Retired).ToListAsync();
        var onlyPublic = locations.First(l => !publicProfile.HidesAnyOf(l.ClassSets));
        var withMore = locations.First(l => publicProfile.HidesAnyOf(l.ClassSets));

        foreach (var path in new[] { $"/fhir/Location/{onlyPublic.Id}", $"/fhir/Location?_id={onlyPublic.Id}" })
        {
            var (response, requestId) = await Crisis.Get(path);
            Assert.That((int)response.StatusCode, Is.EqualTo(200), path);
            Assert.That(await AuditTrail.RecordedFor(ConnectionString, requestId), Is.Empty, $"{path}: nothing above the public level");
        }
        var (protectedRead, protectedId) = await Crisis.Get($"/fhir/Location/{withMore.Id}");
        Assert.That((int)protectedRead.StatusCode, Is.EqualTo(200));
        Assert.That(await AuditTrail.RecordedFor(ConnectionString, protectedId), Has.Count.EqualTo(1), "the same client reading more than public data is recorded");
    }

    [Test]
    public async Task a_not_modified_answer_records_nothing()
    {
        var (first, _) = await Crisis.Get($"/fhir/HealthcareService/{GynecologyUO}");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/fhir/HealthcareService/{GynecologyUO}");
        var requestId = "test-" + Guid.NewGuid().ToString("N");
        request.Headers.Add("X-Request-Id", requestId);
        request.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.ToString());
        var response = await Crisis.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(304));
        Assert.That(await AuditTrail.RecordedFor(ConnectionString, requestId), Is.Empty, "no data was sent");
    }

    [Test]
    public async Task a_conditional_read_that_sends_the_resource_is_recorded_once()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/fhir/HealthcareService/{GynecologyUO}");
        var requestId = "test-" + Guid.NewGuid().ToString("N");
        request.Headers.Add("X-Request-Id", requestId);
        request.Headers.TryAddWithoutValidation("If-None-Match", "W/\"999999\"");
        var response = await Crisis.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), "a stale ETag: the resource is sent");
        Assert.That(await AuditTrail.RecordedFor(ConnectionString, requestId), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task an_unknown_resource_records_nothing()
    {
        var (response, requestId) = await Crisis.Get("/fhir/HealthcareService/no-such-unit");
        Assert.That((int)response.StatusCode, Is.EqualTo(404));
        Assert.That(await AuditTrail.RecordedFor(ConnectionString, requestId), Is.Empty);
    }

    [Test]
    public async Task recorded_reads_are_chained_intact_with_the_versions_sent()
    {
        await using var session = App.Store.QuerySession();
        var locations = await session.Query<LocationDocument>().Where(l => !l.Retired).ToListAsync();
        var location = locations.First(l => ConfiguredProfiles.Of("public").HidesAnyOf(l.ClassSets));
        foreach (var path in new[] { $"/fhir/HealthcareService/{GynecologyUO}", $"/fhir/Location/{location.Id}" })
        {
            var (response, requestId) = await Crisis.Get(path);
            Assert.That((int)response.StatusCode, Is.EqualTo(200), path);
            var version = (await response.ReadJson())["meta"]!["versionId"]!.GetValue<string>();
            var recorded = await AuditTrail.RecordedFor(ConnectionString, requestId);
            Assert.That(recorded, Has.Count.EqualTo(1), path);
            var data = recorded[0]["entity"]!.AsArray().Single(e => e!["what"]?["reference"] is not null)!;
            Assert.That(data["what"]!["reference"]!.GetValue<string>(), Is.EqualTo($"{path["/fhir/".Length..]}/_history/{version}"), path);
        }
        var check = await AuditTrail.Integrity(App);
        Assert.That(check["intact"]!.GetValue<bool>(), Is.True, "the linker hashes what the reads handed over");
    }
}
