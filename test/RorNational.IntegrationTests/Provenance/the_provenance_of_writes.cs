using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Auditing;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Validation;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Provenance;

/// <summary>
/// GET /fhir/Provenance: one per write that published versions, with versioned targets, agents
/// (author, verifier), activity, reason and previous versions; searched by target, agent and
/// recorded, paged; auditors only, under their own profile; chained into the audit chain.
/// </summary>
public sealed class the_provenance_of_writes : HistoryOfTheHospital
{
    private HttpClient Auditor => Client;

    private async Task<JsonObject> Search(string query, HttpClient? client = null) =>
        await Ok((client ?? Auditor).GetAsync("/fhir/Provenance?" + query));

    private static List<JsonObject> Resources(JsonObject bundle) =>
        [.. (bundle["entry"]?.AsArray() ?? []).Select(e => e!["resource"]!.AsObject())];

    private static string[] Targets(JsonObject provenance) => [.. provenance["target"]!.AsArray().Select(t => t!["reference"]!.GetValue<string>())];

    private static string[] Agents(JsonObject provenance, string type) => [.. provenance["agent"]!.AsArray()
        .Where(a => a!["type"]!["coding"]![0]!["code"]!.GetValue<string>() == type)
        .Select(a => a!["who"]!["identifier"]!["value"]!.GetValue<string>())];

    [Test]
    public async Task an_accepted_dossier_has_its_editor_as_author_its_validator_as_verifier_and_its_reason()
    {
        var found = Resources(await Search($"target=HealthcareService/{CardioUO}"));
        var accepted = found.Single(p => Agents(p, "verifier").Length > 0);

        Assert.That(Agents(accepted, "author"), Is.EqualTo(new[] { TestClients.Editor }));
        Assert.That(Agents(accepted, "verifier"), Is.EqualTo(new[] { TestClients.ValidatorAra }));
        Assert.That(accepted["reason"]![0]!["text"]!.GetValue<string>(), Is.EqualTo("conforme"));
        Assert.That(accepted["agent"]![0]!["who"]!["identifier"]!["system"]!.GetValue<string>(), Is.EqualTo("urn:ror:client-id"));
        Assert.That(accepted["agent"]![0]!["onBehalfOf"]!["reference"]!.GetValue<string>(), Is.EqualTo("Organization/" + EG));
        Assert.That(Targets(accepted), Does.Contain($"HealthcareService/{CardioUO}/_history/1").And.Contain($"HealthcareService/{SensitiveUO}/_history/1"));
        Assert.That(Targets(accepted), Does.Contain($"Location/{LieuLocation}/_history/1"));
        Assert.That(accepted["activity"]!["coding"]![0]!["system"]!.GetValue<string>(), Is.EqualTo("http://terminology.hl7.org/CodeSystem/v3-DataOperation"));
        Assert.That(accepted["activity"]!["coding"]![0]!["code"]!.GetValue<string>(), Is.EqualTo("CREATE"), "every unit published first");
        Assert.That(accepted["entity"], Is.Null, "no version before");
    }

    [Test]
    public async Task a_direct_edit_updates_the_next_version_with_the_previous_one_as_revision()
    {
        var edit = Resources(await Search($"target=HealthcareService/{CardioUO}")).Single(p => Agents(p, "verifier").Length == 0);

        Assert.That(Agents(edit, "author"), Is.EqualTo(new[] { TestClients.Editor }));
        Assert.That(Targets(edit), Is.EqualTo(new[] { $"HealthcareService/{CardioUO}/_history/2" }));
        Assert.That(edit["activity"]!["coding"]![0]!["code"]!.GetValue<string>(), Is.EqualTo("UPDATE"));
        Assert.That(edit["entity"]!.AsArray().Select(e => (e!["role"]!.GetValue<string>(), e["what"]!["reference"]!.GetValue<string>())),
            Is.EqualTo(new[] { ("revision", $"HealthcareService/{CardioUO}/_history/1") }));
        Assert.That(edit["reason"], Is.Null);
        var byVersion = Resources(await Search($"target=HealthcareService/{CardioUO}/_history/2"));
        Assert.That(byVersion.Select(p => p["id"]!.GetValue<string>()), Is.EqualTo(new[] { edit["id"]!.GetValue<string>() }));
    }

    [Test]
    public async Task a_capacity_change_names_its_supplier_the_location_version_and_the_one_before()
    {
        var found = Resources(await Search($"target=Location/{LieuLocation}&agent={TestClients.Supplier}"));

        Assert.That(found, Has.Count.EqualTo(2));
        var latest = found[0];
        var target = Targets(latest).Single();
        Assert.That(target, Does.Match($"^Location/{LieuLocation}/_history/\\d+$"));
        var version = long.Parse(target[(target.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(Agents(latest, "author"), Is.EqualTo(new[] { TestClients.Supplier }));
        Assert.That(latest["agent"]![0]!["onBehalfOf"]!["reference"]!.GetValue<string>(), Is.EqualTo("Organization/" + EG));
        Assert.That(latest["activity"]!["coding"]![0]!["code"]!.GetValue<string>(), Is.EqualTo("UPDATE"));
        Assert.That(latest["entity"]![0]!["what"]!["reference"]!.GetValue<string>(), Is.EqualTo($"Location/{LieuLocation}/_history/{version - 1}"));
        Assert.That(Targets(found[1]).Single(), Is.EqualTo($"Location/{LieuLocation}/_history/{version - 1}"), "newest first");
        Assert.That(latest["recorded"], Is.Not.Null);
        Assert.That(latest["occurredDateTime"], Is.Not.Null);

        var versioned = Resources(await Search($"target={Uri.EscapeDataString(target)}"));
        Assert.That(versioned.Select(p => p["id"]!.GetValue<string>()), Is.EqualTo(new[] { latest["id"]!.GetValue<string>() }));
        var read = await Ok(Auditor.GetAsync($"/fhir/Provenance/{latest["id"]}"));
        Assert.That(read.ToJsonString(), Is.EqualTo(latest.ToJsonString()));
    }

    [Test]
    public async Task a_rejected_dossier_and_drafts_publish_nothing_so_have_no_provenance()
    {
        var byValidator = Resources(await Search($"agent=urn:ror:client-id|{TestClients.ValidatorAra}&_count=100"));
        Assert.That(byValidator, Has.Count.EqualTo(1), "the accepted dossier only");
        Assert.That(byValidator.Single()["reason"]![0]!["text"]!.GetValue<string>(), Is.Not.EqualTo(Rejection));
    }

    [Test]
    public async Task searches_by_recorded_and_pages_with_next_links()
    {
        var all = Resources(await Search("_count=1000"));
        Assert.That(all.Count, Is.GreaterThan(4));
        var recorded = all.Select(p => DateTimeOffset.Parse(p["recorded"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var middle = recorded[all.Count / 2];
        var since = await Search($"recorded=ge{Uri.EscapeDataString(middle.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture))}&_count=1000");
        Assert.That(since["total"]!.GetValue<long>(), Is.EqualTo(recorded.Count(r => r >= middle)));

        var ids = new List<string>();
        string? url = "/fhir/Provenance?_count=3";
        while (url is not null)
        {
            var page = await Ok(Auditor.GetAsync(url));
            Assert.That(page["total"]!.GetValue<long>(), Is.EqualTo(all.Count));
            ids.AddRange(Resources(page).Select(p => p["id"]!.GetValue<string>()));
            url = page["link"]!.AsArray().FirstOrDefault(l => l!["relation"]!.GetValue<string>() == "next")?["url"]?.GetValue<string>();
        }
        Assert.That(ids, Is.EqualTo(all.Select(p => p["id"]!.GetValue<string>())));
    }

    [Test]
    public async Task a_lower_profile_auditor_neither_sees_nor_counts_what_its_profile_hides()
    {
        using var publicAuditor = App.ClientFor(TestClients.Auditor);

        Assert.That((await Search($"target=HealthcareService/{SensitiveUO}"))["total"]!.GetValue<long>(), Is.EqualTo(2), "the dossier and the direct edit");
        Assert.That((await Search($"target=HealthcareService/{SensitiveUO}", publicAuditor))["total"]!.GetValue<long>(), Is.EqualTo(0));

        var accepted = Resources(await Search($"target=HealthcareService/{CardioUO}&agent={TestClients.ValidatorAra}", publicAuditor)).Single();
        Assert.That(Targets(accepted), Does.Contain($"HealthcareService/{CardioUO}/_history/1"));
        Assert.That(Targets(accepted), Has.None.StartsWith($"HealthcareService/{SensitiveUO}/"));
        Assert.That(accepted["meta"]!["security"]![0]!["code"]!.GetValue<string>(), Is.EqualTo("REDACTED"));

        var hidden = Resources(await Search($"target=HealthcareService/{SensitiveUO}")).Where(p => Agents(p, "verifier").Length == 0).Single();
        Assert.That((int)(await publicAuditor.GetAsync($"/fhir/Provenance/{hidden["id"]}")).StatusCode, Is.EqualTo(404));
        Assert.That((int)(await Auditor.GetAsync($"/fhir/Provenance/{hidden["id"]}")).StatusCode, Is.EqualTo(200));
        var all = (await Search("_count=1"))["total"]!.GetValue<long>();
        Assert.That((await Search("_count=1", publicAuditor))["total"]!.GetValue<long>(), Is.EqualTo(all - 1), "the sensitive UO's edit not counted");
    }

    [Test]
    public async Task counts_alone_with_summary_count_and_pages_without_a_total_with_total_none()
    {
        using var publicAuditor = App.ClientFor(TestClients.Auditor);
        foreach (var auditor in new[] { Auditor, publicAuditor })
        {
            var all = Resources(await Search("_count=1000", auditor)).Count;
            var counted = await Search("_summary=count", auditor);
            Assert.That(counted["total"]!.GetValue<long>(), Is.EqualTo(all), "the same count as the entries, under the caller's profile");
            Assert.That(counted["entry"], Is.Null);
            Assert.That((await Search($"_summary=count&target=HealthcareService/{SensitiveUO}", auditor))["total"]!.GetValue<long>(),
                Is.EqualTo(auditor == Auditor ? 2 : 0), "what the profile hides is not counted");

            var untotalled = await Search("_count=2&_total=none", auditor);
            Assert.That(untotalled["total"], Is.Null);
            Assert.That(Resources(untotalled), Has.Count.EqualTo(Math.Min(2, all)));
            Assert.That((await Search("_count=2&_total=accurate", auditor))["total"]!.GetValue<long>(), Is.EqualTo(all));
        }
    }

    [Test]
    public async Task are_valid_r4_provenance_resources()
    {
        var accepted = Resources(await Search($"target=HealthcareService/{CardioUO}&agent={TestClients.ValidatorAra}")).Single();
        var capacity = Resources(await Search($"target=Location/{LieuLocation}&agent={TestClients.Supplier}&_count=1")).Single();

        var report = await new FhirValidator().ValidateAsync([accepted.ToJsonString(), capacity.ToJsonString()]);
        Assert.That(report.Errors, Is.Empty, "valid R4: " + report);
    }

    [Test]
    public async Task only_auditors_read_them()
    {
        var any = Resources(await Search("_count=1")).Single()["id"]!.GetValue<string>();
        foreach (var client in new[] { TestClients.Editor, TestClients.Public, TestClients.ValidatorAra, "test-consumer-crisis" })
        {
            using var caller = App.ClientFor(client);
            foreach (var path in new[] { "/fhir/Provenance", $"/fhir/Provenance/{any}" })
            {
                var response = await caller.GetAsync(path);
                var body = await response.Content.ReadAsStringAsync();
                Assert.That((int)response.StatusCode, Is.EqualTo(403), $"{client} {path}");
                Assert.That(body, Does.Contain("OperationOutcome"));
            }
        }
    }

    [Test]
    public async Task never_change_through_the_api()
    {
        var any = Resources(await Search("_count=1")).Single()["id"]!.GetValue<string>();
        foreach (var (method, path) in new[] { (HttpMethod.Put, $"/fhir/Provenance/{any}"), (HttpMethod.Delete, $"/fhir/Provenance/{any}"), (HttpMethod.Post, "/fhir/Provenance") })
        {
            var response = await Auditor.SendAsync(new HttpRequestMessage(method, path) { Content = method == HttpMethod.Delete ? null : new StringContent("{\"resourceType\":\"Provenance\"}") });
            Assert.That((int)response.StatusCode, Is.EqualTo(405), $"{method} {path}");
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("OperationOutcome"));
        }
    }

    [TestCase("target=nonsense", "target")]
    [TestCase("recorded=2026-13-45", "recorded")]
    [TestCase("agent=http://other|x", "agent")]
    [TestCase("_count=abc", "_count")]
    [TestCase("made-up=1", "made-up")]
    [TestCase("_summary=true", "_summary")]
    [TestCase("_summary=count&_summary=false", "_summary")]
    [TestCase("_total=some", "_total")]
    public async Task refuses_a_bad_search_naming_the_parameter(string query, string parameter)
    {
        var response = await Auditor.GetAsync("/fhir/Provenance?" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(400), body);
        Assert.That(body, Does.Contain(parameter));
    }

    [Test]
    public async Task are_chained_in_event_order_and_a_row_altered_in_sql_breaks_the_chain()
    {
        var chained = await ChainedProvenances();
        Assert.That(chained.Select(c => c.Sequence), Is.Ordered.Ascending, "chained in the order of the event sequence");
        var intact = await AuditTrail.Integrity(Auditor);
        Assert.That(intact["intact"]!.GetValue<bool>(), Is.True);

        var (position, id, _) = chained[chained.Count / 2];
        await Sql.Execute(ConnectionString, $"update ror.audit_chain set content = replace(content, '{TestClients.Supplier}', 'someone-else'), agent = 'someone-else' where position = {position}");
        try
        {
            var check = await AuditTrail.Integrity(Auditor);
            Assert.That(check["intact"]!.GetValue<bool>(), Is.False);
            Assert.That(check["position"]!.GetValue<long>(), Is.EqualTo(position));
            Assert.That(check["record"]!.GetValue<string>(), Is.EqualTo($"Provenance/{id}"));
        }
        finally
        {
            await RestoreRow(position);
        }
    }

    /// <summary>The chained Provenances in chain order, with the event sequence of each.</summary>
    private async Task<List<(long Position, string Id, long Sequence)>> ChainedProvenances()
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "select a.position, a.id, p.sequence from ror.audit_chain a join ror.provenance_record p on p.id = a.id " +
            "where a.kind = 'Provenance' order by a.position", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, string, long)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)));
        return rows;
    }

    /// <summary>Puts the altered row back as its record holds it, so the fixture's other tests see an intact chain.</summary>
    private async Task RestoreRow(long position) => await Sql.Execute(ConnectionString,
        "update ror.audit_chain a set content = p.json, agent = p.main_agent " +
        $"from ror.provenance_record p where p.id = a.id and a.position = {position}");
}
