using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Npgsql;
using RorNational.Fhir.Auditing.Chain;
using RorNational.Fhir.Auditing.Recording;
using RorNational.Fhir.Auditing.Serving;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Auditing;

/// <summary>
/// "Every read by this client" or "every read of that morning", newest first, when those records
/// are old and the chain has grown with everyone else's since: the page is read in order from
/// the criterion's index, not by walking the chain backwards past every newer record. Here 2,000
/// records of a client that stopped reading, then 40,000 of another, a second apart, written
/// straight into the chain (a search does not check the hashes).
/// </summary>
public class searching_old_records_of_the_chain : ApiFixture
{
    protected override bool ResetBetweenTests => false;

    private const string Stopped = "test-client-that-stopped";
    private const string Busy = "test-client-still-reading";
    private const int StoppedReads = 2_000;
    private const int BusyReads = 40_000;

    [OneTimeSetUp]
    public async Task FillTheChain()
    {
        await Sql.Execute(ConnectionString, "truncate ror.audit_chain, ror.audit_intake");
        await Sql.Execute(ConnectionString, $$"""
            insert into ror.audit_chain (position, kind, id, recorded, agent, type, subtype, entities, entity_types, content, previous_hash, hash)
            select g, 'AuditEvent', 'read-' || g, timestamptz '2026-03-12 08:00:00+00' + g * interval '1 second',
                   case when g <= {{StoppedReads}} then '{{Stopped}}' else '{{Busy}}' end, 'rest', 'read',
                   array['HealthcareService/unit-' || g % 50 || '/_history/1', 'HealthcareService/unit-' || g % 50], array['HealthcareService'],
                   '{"profileCode":"P1","profileName":"professionnel","serverAddress":"127.0.0.1"}', '\x00'::bytea, '\x00'::bytea
            from generate_series(1, {{StoppedReads + BusyReads}}) g;
            analyze ror.audit_chain;
            """);
    }

    [TestCase("agent", Stopped)]
    [TestCase("date", "lt2026-03-12T08:30:00Z")]
    [TestCase("date", "le2026-03-12T08:20:00Z")]
    public async Task a_page_of_old_records_reads_none_of_the_newer_ones(string parameter, string value)
    {
        var table = AuditChainTable.QualifiedName("ror");
        var query = new QueryCollection(new Dictionary<string, StringValues> { [parameter] = value, ["_count"] = "50" });
        var search = AuditEventQuery.Parse(query, table);
        var page = ChainPage.PageQuery(search, () => AuditEventQuery.Parse(query, table).Where, CompactAuditRecord.Columns);

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = page.ToCommand(connection, null);
        command.CommandText = "explain (analyze, format json) " + command.CommandText;
        var plan = JsonNode.Parse((string)(await command.ExecuteScalarAsync())!)!.AsArray()[0]!["Plan"]!;
        var removed = Nodes(plan).Sum(node => node["Rows Removed by Filter"]?.GetValue<double>() ?? 0);
        TestContext.Out.WriteLine($"plan: {plan.ToJsonString()}");

        Assert.Multiple(() =>
        {
            Assert.That(plan["Actual Rows"]!.GetValue<double>(), Is.EqualTo(51), "the page and one more row");
            Assert.That(removed, Is.LessThan(StoppedReads), "rows read and thrown away to find the 51 newest matches");
        });
    }

    [Test]
    public async Task the_search_answers_the_clients_newest_records_and_their_total()
    {
        var response = await App.ClientFor(TestClients.Auditor).GetAsync($"/fhir/AuditEvent?agent={Stopped}&_count=3");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body);
        var bundle = JsonNode.Parse(body)!.AsObject();
        var ids = bundle["entry"]!.AsArray().Select(e => e!["resource"]!["id"]!.GetValue<string>()).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(bundle["total"]!.GetValue<long>(), Is.EqualTo(StoppedReads));
            Assert.That(ids, Is.EqualTo(new[] { $"read-{StoppedReads}", $"read-{StoppedReads - 1}", $"read-{StoppedReads - 2}" }));
        });
    }

    [Test]
    public async Task the_pages_of_a_morning_list_each_record_once_in_order_while_records_are_added()
    {
        var auditor = App.ClientFor(TestClients.Auditor);
        var ids = new List<string>();
        string? next = "/fhir/AuditEvent?date=lt2026-03-12T08:00:11Z&_count=4";
        while (next is not null)
        {
            var response = await auditor.GetAsync(next);
            var body = await response.Content.ReadAsStringAsync();
            Assert.That((int)response.StatusCode, Is.EqualTo(200), body);
            var bundle = JsonNode.Parse(body)!.AsObject();
            ids.AddRange(bundle["entry"]!.AsArray().Select(e => e!["resource"]!["id"]!.GetValue<string>()));
            next = bundle["link"]!.AsArray().FirstOrDefault(l => l!["relation"]!.GetValue<string>() == "next")?["url"]!.GetValue<string>();
            // A record of the same morning joins the chain between two pages: at its end, recorded earlier than the page's last.
            await Sql.Execute(ConnectionString,
                "insert into ror.audit_chain select max(position) + 1, 'AuditEvent', 'late-' || max(position), timestamptz '2026-03-12 08:00:00.5+00', " +
                "'test-late-node', 'rest', 'read', '{}', '{}', '{\"profileCode\":\"P1\",\"profileName\":\"professionnel\",\"serverAddress\":\"127.0.0.1\"}', '\\x00'::bytea, '\\x00'::bytea from ror.audit_chain");
        }

        Assert.That(ids.Where(id => id.StartsWith("read-", StringComparison.Ordinal)), Is.EqualTo(Enumerable.Range(1, 10).Reverse().Select(g => $"read-{g}")),
            "the ten records of 08:00:01 to 08:00:10, newest first, each once");
    }

    private static IEnumerable<JsonNode> Nodes(JsonNode node) =>
        new[] { node }.Concat(node["Plans"]?.AsArray().SelectMany(child => Nodes(child!)) ?? []);
}
