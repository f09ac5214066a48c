using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RorNational.Fhir.Description;
using RorNational.IntegrationTests.Finess;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Auditing.Description;

/// <summary>
/// <c>$description</c> replays the events of the sample hospital up to an instant and gives,
/// byte for byte, what the projections stored and served then: after a FINESS import, after a
/// dossier's acceptance and direct edits, after capacity changes; then redacted for an
/// auditor of a lower profile exactly as a vread of each version is.
/// </summary>
public sealed class describing_an_establishment_as_of_an_instant : DescriptionFixture
{
    [Test, CancelAfter(300_000)]
    public async Task at_three_instants_around_writes_the_description_is_what_was_served_then()
    {
        var beforeAnything = await Between();
        Assert.That((await Client.Import(FinessImportCalls.Sample()))["status"]!.GetValue<string>(), Is.EqualTo("Completed"));
        var afterImport = await Between();

        await Client.Register(Requests.Registration()).EnsureOk();
        await Client.Accept(await Client.SubmitDossier(HospitalFiches)).EnsureOk();
        await Client.PutAsJsonAsync($"/api/establishments/{EG}/uo/uo-cardio-hc/content", Content(16)).EnsureOk();
        await Client.PatchAsJsonAsync($"/api/establishments/{EG}", new { operationalName = "CH Fleyriat" }).EnsureOk();
        var afterEdits = await Between();

        await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))))).EnsureOk();
        await Supplier.SendAsync(PatchRequest(ByIdentifier, Replace(Selector(), Record(12, At(10))))).EnsureOk();
        await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(2, At(11), status: "01")))).EnsureOk();
        // Three changes of one lieu in one transaction: one new version of its Location, not three.
        const string url = "Location?identifier=" + Identifier;
        await Supplier.SendAsync(BundleRequest(Bundle("transaction",
        [
            (url, Replace(Selector(), Record(5, At(12))), null),
            (url, Replace(Selector(), Record(7, At(13))), null),
            (url, Replace(Selector(status: "01"), Record(1, At(14), status: "01")), null),
        ]))).EnsureOk();
        var afterCapacity = await Between();
        await AssertOneTimestampPerTransaction();

        // Later writes, which none of the three descriptions may show.
        await Client.PatchAsJsonAsync($"/api/establishments/{EG}", new { operationalName = "Centre hospitalier de Fleyriat" }).EnsureOk();
        await Supplier.SendAsync(PatchRequest(ByIdentifier, Replace(Selector(), Record(4, At(20))))).EnsureOk();
        await Client.RemoveThroughDossier("uo-cardio-hc");

        await AssertDescribedAsStored(afterImport, "after the import");
        await AssertDescribedAsStored(afterEdits, "after the dossier and direct edits");
        await AssertDescribedAsStored(afterCapacity, "after the capacity changes");
        await AssertDescribedAsStored(await Between(), "now");
        var inParis = afterEdits.ToOffset(TimeSpan.FromHours(1)).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz");
        Assert.That(await Description(Client, $"/fhir/Organization/{EG}/$description?at={Uri.EscapeDataString(inParis)}"),
            Is.EqualTo(await Description(Client, EG, afterEdits)), "the same instant given with a +01:00 offset");
        Assert.That((await App.AnonymousClient().GetAsync("/fhir/metadata")).IsSuccessStatusCode, Is.True);
        Assert.That((await App.ClientFor(TestClients.Auditor).GetAsync(Path(EG, beforeAnything))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound),
            "before the EG was published");

        var afterImportDescription = await Description(Client, EG, afterImport);
        var afterCapacityDescription = await Description(Client, EG, afterCapacity);
        Assert.That(afterImportDescription.Keys, Has.Exactly(2).Items, "after the import: the EG and its EJ");
        Assert.That(afterCapacityDescription.Keys, Has.Some.StartsWith("HealthcareService/").And.Some.StartsWith("Location/"));
        Assert.That(afterCapacityDescription.Values, Has.Some.Contains("\"CH Fleyriat\"").And.None.Contains("Centre hospitalier de Fleyriat"));
    }

    /// <summary>What the replay's batches rest on: Marten stamps the events of one transaction with one timestamp, another transaction with another.</summary>
    private async Task AssertOneTimestampPerTransaction()
    {
        await using var session = App.Store.QuerySession();
        var capacity = await session.Events.FetchStreamAsync(RorNational.Domain.Capacity.CapacityStreams.Of("010000024", "lieu-batiment-a"));
        Assert.That(capacity, Has.Count.EqualTo(6));
        Assert.That(capacity.Skip(3).Select(e => e.Timestamp).Distinct().Count(), Is.EqualTo(1), "the bundle's three changes: one transaction");
        Assert.That(capacity.Select(e => e.Timestamp).Distinct().Count(), Is.EqualTo(4), "four transactions");
    }

    [Test, CancelAfter(300_000)]
    public async Task for_an_auditor_of_a_lower_profile_each_resource_is_redacted_as_its_vread()
    {
        await Client.PublishHospital();
        await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))))).EnsureOk();
        var at = await Between();
        // Later versions whose classes an older version is redacted with too.
        await Client.PutAsJsonAsync($"/api/establishments/{EG}/uo/uo-cardio-hc/content", Content(16)).EnsureOk();
        await Supplier.SendAsync(PatchRequest(ByIdentifier, Replace(Selector(), Record(12, At(10))))).EnsureOk();

        var auditor = App.ClientFor(TestClients.Auditor);
        var described = await Description(auditor, EG, at);
        var unredacted = await Description(Client, EG, at);

        Assert.That(described.Keys, Is.EquivalentTo(unredacted.Keys));
        Assert.That(described.Values, Has.Some.Contains("REDACTED"), "the public profile hides some of it");
        foreach (var (key, json) in described)
        {
            var version = JsonNode.Parse(json)!["meta"]!["versionId"]!.GetValue<string>();
            var vread = await auditor.GetAsync($"/fhir/{key}/_history/{version}");
            Assert.That(json, Is.EqualTo(await vread.Content.ReadAsStringAsync()), $"{key} as its vread {version}");
        }
    }

    [Test, CancelAfter(300_000)]
    public async Task the_description_and_its_resources_are_valid_against_base_R4_and_the_ror_profiles()
    {
        await Client.PublishHospital();
        await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))))).EnsureOk();
        var at = await Between();

        var bundle = await Client.GetStringAsync(Path(EG, at));
        var resources = (await Description(Client, EG, at)).Values.ToList();
        var report = await new Validation.FhirValidator().ValidateAsync([bundle, .. resources]);

        Assert.That(report.Errors, Is.Empty, report.ToString());
        Assert.That(resources, Has.Count.EqualTo(7), "the EG, its EJ, a pôle, a service, a UF, a UO and a lieu");
    }

    [Test]
    public async Task a_client_that_is_no_auditor_is_refused_with_an_outcome()
    {
        await Client.PublishHospital();
        foreach (var client in new[] { TestClients.Public, TestClients.Editor, TestClients.Supplier })
        {
            var response = await App.ClientFor(client).GetAsync(Path(EG, DateTimeOffset.UtcNow));
            var (status, codes, _, body) = await Outcome(response);
            Assert.That(status, Is.EqualTo(403), $"{client}: {body}");
            Assert.That(codes, Is.EqualTo(new[] { "forbidden" }), client);
        }
        Assert.That((await App.AnonymousClient().GetAsync(Path(EG, DateTimeOffset.UtcNow))).StatusCode,
            Is.EqualTo(HttpStatusCode.Unauthorized).Or.EqualTo(HttpStatusCode.Forbidden));
    }

    [TestCase("")]
    [TestCase("?at=")]
    [TestCase("?at=yesterday")]
    [TestCase("?at=2026-03-12")]
    [TestCase("?at=2026-03-12T08:00:00")]
    [TestCase("?at=2026-13-45T08:00:00Z")]
    [TestCase("?at=2026-03-12T08:00Z")]
    [TestCase("?at=2026-03-12T08:00:00Z&at=2026-03-13T08:00:00Z")]
    [TestCase("?at=%00")]
    public async Task a_missing_or_malformed_instant_is_refused_naming_at(string query)
    {
        var response = await App.ClientFor(TestClients.Auditor).GetAsync($"/fhir/Organization/{EG}/$description{query}");
        var (status, codes, expressions, body) = await Outcome(response);
        Assert.That(status, Is.EqualTo(400), body);
        Assert.That(codes, Is.EqualTo(new[] { "invalid" }));
        Assert.That(expressions, Is.EqualTo(new[] { "at" }));
    }

    [TestCase("eg-999999999")]
    [TestCase("ej-010008407")]
    [TestCase("no-such-id")]
    public async Task an_id_that_is_no_published_EG_is_not_found(string id)
    {
        await Client.PublishHospital();
        var response = await App.ClientFor(TestClients.Auditor).GetAsync(Path(id, DateTimeOffset.UtcNow));
        var (status, codes, _, body) = await Outcome(response);
        Assert.That(status, Is.EqualTo(404), body);
        Assert.That(codes, Is.EqualTo(new[] { "not-found" }));
    }

    [Test]
    public async Task the_cut_is_the_sequence_of_the_last_event_at_the_instant_and_the_operation_is_listed()
    {
        await Client.PublishHospital();
        var at = await Between();
        await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))))).EnsureOk();

        var response = await App.ClientFor(TestClients.Auditor).GetAsync(Path(EG, at));
        var cut = long.Parse(response.Headers.GetValues(DescriptionEndpoint.CutHeader).Single());
        await using var session = App.Store.QuerySession();
        // The description's streams: the EG's, its EJ's, its lieux' capacity streams.
        var events = (await Marten.QueryableExtensions.ToListAsync(session.Events.QueryAllRawEvents().OrderBy(e => e.Sequence)))
            .Where(e => e.StreamKey == EG || e.StreamKey == EJ || RorNational.Domain.Capacity.CapacityStreams.FinessOf(e.StreamKey!) == EG["eg-".Length..])
            .ToList();
        Assert.That(cut, Is.EqualTo(events.Where(e => e.Timestamp <= at).Max(e => e.Sequence)));
        Assert.That(events.Where(e => e.Sequence > cut), Is.Not.Empty.And.All.Matches<JasperFx.Events.IEvent>(e => e.Timestamp > at));

        var metadata = JsonNode.Parse(await Client.GetStringAsync("/fhir/metadata"))!;
        var organization = metadata["rest"]![0]!["resource"]!.AsArray().Single(r => r!["type"]!.GetValue<string>() == "Organization")!;
        Assert.That(organization["operation"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()), Does.Contain("description"));
    }
}
