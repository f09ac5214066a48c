using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RorNational.Fhir.Auditing.Chain;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Auditing;

/// <summary>
/// The chain holds records of every kind (AuditEvent for reads, Provenance for writes, appended
/// through the same <see cref="ChainWriter"/>), in one order: $verify-integrity walks them all
/// and names a broken Provenance link like any other. A group commit of several records keeps
/// each record's own entities and entity types (given to PostgreSQL one after the other) and the
/// order in which they were handed over, and the records that waited share one transaction.
/// </summary>
public class one_chain_for_every_kind : ApiFixture
{
    protected override bool ResetBetweenTests => false;

    private ChainWriter Writer => App.Services.GetRequiredService<ChainWriter>();
    private string _unit = "";

    [OneTimeSetUp]
    public async Task PublishTheHospital()
    {
        await Client.PublishHospital();
        var bundle = await (await App.ClientFor("test-consumer-public").GetAsync("/fhir/HealthcareService")).ReadJson();
        _unit = bundle["entry"]![0]!["resource"]!["id"]!.GetValue<string>();
        // The publication's own Provenance joins the chain through the async daemon: before the chain is emptied for each test.
        await RorNational.IntegrationTests.Provenance.ProvenanceChain.WaitUntilChained(ConnectionString);
    }

    [SetUp]
    public Task EmptyTheChain() => AuditTrail.Execute(ConnectionString, "truncate ror.audit_chain");

    private static ChainedRecord Provenance(params string[] targets) => new(
        "Provenance", Guid.CreateVersion7().ToString(), DateTimeOffset.UtcNow, "editor-ch-fleyriat", "CREATE", "create",
        targets, targets.Select(t => t.Split('/')[0]).Distinct().ToList(), $"{{\"resourceType\":\"Provenance\",\"target\":\"{string.Join(',', targets)}\"}}");

    private async Task ProtectedRead() =>
        Assert.That((int)(await App.ClientFor("test-consumer-crisis").GetAsync($"/fhir/HealthcareService/{_unit}")).StatusCode, Is.EqualTo(200));

    [Test]
    public async Task the_check_walks_provenance_and_audit_events_alike_and_names_an_altered_provenance()
    {
        await ProtectedRead();
        var provenance = Provenance($"HealthcareService/{_unit}/_history/1", $"HealthcareService/{_unit}");
        await Writer.AppendAsync(provenance);
        await ProtectedRead();

        var intact = await the_audit_chain.Verify(App);
        Assert.That(intact["intact"]!.GetValue<bool>(), Is.True);
        Assert.That(intact["checked"]!.GetValue<long>(), Is.EqualTo(3));

        await AuditTrail.Execute(ConnectionString, $"update ror.audit_chain set agent = 'someone-else' where id = '{provenance.Id}'");
        var broken = await the_audit_chain.Verify(App);
        Assert.That(broken["intact"]!.GetValue<bool>(), Is.False);
        Assert.That(broken["position"]!.GetValue<long>(), Is.EqualTo(2));
        Assert.That(broken["record"]!.GetValue<string>(), Is.EqualTo($"Provenance/{provenance.Id}"));
        Assert.That(broken["checked"]!.GetValue<long>(), Is.EqualTo(1));
    }

    [Test, CancelAfter(60_000)]
    public async Task records_waiting_for_the_chain_go_in_one_group_commit_keeping_their_entities_and_order()
    {
        // The chain's lock held elsewhere: the first flush waits in PostgreSQL, the next records queue behind it.
        await using var holder = new NpgsqlConnection(ConnectionString);
        await holder.OpenAsync();
        await new NpgsqlCommand($"select pg_advisory_lock({ChainWriter.ChainLock})", holder).ExecuteNonQueryAsync();
        var records = new[]
        {
            Provenance("Organization/eg-1"),
            Provenance(),
            Provenance("Location/l-1", "Location/l-1/_history/2", "HealthcareService/hs-1"),
            Provenance(),
            Provenance("Organization/eg-2", "Organization/eg-2/_history/7"),
        };
        var first = Writer.AppendAsync(records[0]);
        await Task.Delay(300);
        var others = records.Skip(1).Select(Writer.AppendAsync).ToList();
        await Task.Delay(300);
        Assert.That(first.IsCompleted || others.Any(t => t.IsCompleted), Is.False, "nothing commits while the chain is locked");
        await new NpgsqlCommand($"select pg_advisory_unlock({ChainWriter.ChainLock})", holder).ExecuteNonQueryAsync();
        await Task.WhenAll(others.Append(first));

        var stored = new List<(string Id, string[] Entities, string[] Types)>();
        await using (var read = new NpgsqlCommand("select id, entities, entity_types from ror.audit_chain order by position", holder))
        await using (var rows = await read.ExecuteReaderAsync())
            while (await rows.ReadAsync()) stored.Add((rows.GetString(0), rows.GetFieldValue<string[]>(1), rows.GetFieldValue<string[]>(2)));
        Assert.That(stored.Select(s => s.Id), Is.EqualTo(records.Select(r => r.Id)));
        for (var i = 0; i < records.Length; i++)
        {
            Assert.That(stored[i].Entities, Is.EqualTo(records[i].Entities), $"entities of record {i}");
            Assert.That(stored[i].Types, Is.EqualTo(records[i].EntityTypes), $"entity types of record {i}");
        }
        // What makes recording cheap under load: the records that waited were committed together, in one transaction.
        await using var transactions = new NpgsqlCommand(
            "select count(distinct xmin::text) from ror.audit_chain where id = any($1)", holder) { Parameters = { new() { Value = records.Skip(1).Select(r => r.Id).ToArray() } } };
        Assert.That(await transactions.ExecuteScalarAsync(), Is.EqualTo(1L), "one group commit for the records that waited");
        var check = await the_audit_chain.Verify(App);
        Assert.That(check["intact"]!.GetValue<bool>(), Is.True);
        Assert.That(check["checked"]!.GetValue<long>(), Is.EqualTo(records.Length));
    }
}
