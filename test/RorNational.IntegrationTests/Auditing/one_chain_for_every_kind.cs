using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RorNational.Fhir.Auditing.Chain;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Auditing;

/// <summary>
/// The chain holds records of every kind (AuditEvent for reads, Provenance for writes; here both
/// handed over through the <see cref="ChainWriter"/>), in one order: $verify-integrity walks them all
/// and names a broken Provenance link like any other. The records that waited for the intake share
/// one group commit; linked, they keep their own entities and entity types and the order in which
/// they were handed over. A record found twice in the intake is linked once, and records no one on
/// this node wrote (a stopped node's) are linked by the sweep. A page of records linked straight
/// (as the daemon links Provenance) comes after what waits in the intake, and linked again adds nothing.
/// </summary>
public class one_chain_for_every_kind : ApiFixture
{
    protected override bool ResetBetweenTests => false;

    private ChainWriter Writer => App.Services.GetRequiredService<ChainWriter>();
    private ChainLinker Linker => App.Services.GetRequiredService<ChainLinker>();
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
    public Task EmptyTheChain() => Sql.Execute(ConnectionString, "truncate ror.audit_chain, ror.audit_intake");

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

        var intact = await AuditTrail.Integrity(App);
        Assert.That(intact["intact"]!.GetValue<bool>(), Is.True);
        Assert.That(intact["checked"]!.GetValue<long>(), Is.EqualTo(3));

        await Sql.Execute(ConnectionString, $"update ror.audit_chain set agent = 'someone-else' where id = '{provenance.Id}'");
        var broken = await AuditTrail.Integrity(App);
        Assert.That(broken["intact"]!.GetValue<bool>(), Is.False);
        Assert.That(broken["position"]!.GetValue<long>(), Is.EqualTo(2));
        Assert.That(broken["record"]!.GetValue<string>(), Is.EqualTo($"Provenance/{provenance.Id}"));
        Assert.That(broken["checked"]!.GetValue<long>(), Is.EqualTo(1));
    }

    [Test, CancelAfter(60_000)]
    public async Task records_waiting_for_the_intake_go_in_one_group_commit_and_are_linked_keeping_their_entities_and_order()
    {
        // The intake locked elsewhere: the first flush waits in PostgreSQL, the next records queue behind it.
        await using var holder = new NpgsqlConnection(ConnectionString);
        await holder.OpenAsync();
        var locking = await holder.BeginTransactionAsync();
        await new NpgsqlCommand("lock table ror.audit_intake in exclusive mode", holder, locking).ExecuteNonQueryAsync();
        var records = new[]
        {
            Provenance("Organization/eg-1"),
            Provenance(),
            Provenance("Location/l-1", "Location/l-1/_history/2", "HealthcareService/hs-1"),
            Provenance(),
            Provenance("Organization/eg-2", "Organization/eg-2/_history/7"),
        };
        var flushes = Writer.Flushes;
        var first = Writer.AppendAsync(records[0]);
        await Task.Delay(300);
        var others = records.Skip(1).Select(Writer.AppendAsync).ToList();
        await Task.Delay(300);
        Assert.That(first.IsCompleted || others.Any(t => t.IsCompleted), Is.False, "nothing commits while the intake is locked");
        await locking.CommitAsync();
        await Task.WhenAll(others.Append(first));
        // What makes recording cheap under load: the records that waited were committed together.
        Assert.That(Writer.Flushes - flushes, Is.EqualTo(2), "the first record's flush, then one group commit for the four that waited");

        var check = await AuditTrail.Integrity(App);
        Assert.That(check["intact"]!.GetValue<bool>(), Is.True);
        Assert.That(check["checked"]!.GetValue<long>(), Is.EqualTo(records.Length));
        var stored = await Chain();
        Assert.That(stored.Select(s => s.Id), Is.EqualTo(records.Select(r => r.Id)), "linked in the order handed over");
        for (var i = 0; i < records.Length; i++)
        {
            Assert.That(stored[i].Entities, Is.EqualTo(records[i].Entities), $"entities of record {i}");
            Assert.That(stored[i].Types, Is.EqualTo(records[i].EntityTypes), $"entity types of record {i}");
        }
    }

    [Test]
    public async Task a_record_handed_over_twice_is_linked_once()
    {
        var twice = Provenance("Organization/eg-3");
        var once = Provenance("Organization/eg-4");
        // As a flush retried after its first commit went through would leave them: twice in one batch, then again after it was linked.
        await Hand(twice, twice, once);
        await AuditTrail.Linked(App);
        await Hand(twice);
        await AuditTrail.Linked(App);

        Assert.That((await Chain()).Select(s => s.Id), Is.EqualTo(new[] { twice.Id, once.Id }));
        Assert.That(await Intake(), Is.Zero, "the duplicate is taken off the intake");
        var check = await AuditTrail.Integrity(App);
        Assert.That(check["intact"]!.GetValue<bool>(), Is.True);
        Assert.That(check["checked"]!.GetValue<long>(), Is.EqualTo(2));
    }

    [Test, CancelAfter(30_000)]
    public async Task records_a_stopped_node_left_in_the_intake_are_linked_without_anyone_reading_the_chain()
    {
        var left = Provenance("Organization/eg-5");
        await Hand(left);
        // Nothing on this node wrote them: the sweep (every Audit:SweepInterval, 5 s) finds them.
        while (await Intake() > 0) await Task.Delay(100);
        Assert.That((await Chain()).Select(s => s.Id), Is.EqualTo(new[] { left.Id }));
    }

    [Test]
    public async Task an_intake_row_altered_into_something_unreadable_is_chained_as_found_and_blocks_nothing()
    {
        var after = Provenance("Organization/eg-6");
        await Sql.Execute(ConnectionString, "insert into ror.audit_intake (record) values ('not json'), ('{\"Kind\":\"Provenance\"}')");
        await Hand(after);
        await AuditTrail.Linked(App);

        var stored = await Sql.Rows(ConnectionString, "select kind, id, content from ror.audit_chain order by position",
            row => (Kind: row.GetString(0), Id: row.GetString(1), Content: row.GetString(2)));
        Assert.That(stored.Select(s => s.Kind), Is.EqualTo(new[] { IntakeRecord.UnreadableKind, IntakeRecord.UnreadableKind, "Provenance" }));
        Assert.That(stored.Take(2).Select(s => s.Content), Is.EqualTo(new[] { "not json", "{\"Kind\":\"Provenance\"}" }), "kept as found");
        Assert.That(stored[2].Id, Is.EqualTo(after.Id), "the record after them is linked");
        var check = await AuditTrail.Integrity(App);
        Assert.That(check["intact"]!.GetValue<bool>(), Is.True);
        Assert.That(check["checked"]!.GetValue<long>(), Is.EqualTo(3));
    }

    [Test]
    public async Task a_page_linked_straight_comes_after_the_intake_and_linked_again_adds_nothing()
    {
        var waiting = Provenance("Organization/eg-7");
        await Hand(waiting);
        ChainedRecord[] page = [Provenance("Organization/eg-8"), Provenance("Organization/eg-9", "Location/lieu-9")];

        await Linker.LinkAsync(page, CancellationToken.None);
        // The daemon's page run again after a crash between the link and its progress.
        await Linker.LinkAsync(page, CancellationToken.None);

        var chain = await Chain();
        Assert.That(chain.Select(s => s.Id), Is.EqualTo(new[] { waiting.Id, page[0].Id, page[1].Id }), "the intake first, then the page in its order, once");
        Assert.That(chain[2].Entities, Is.EqualTo(new[] { "Organization/eg-9", "Location/lieu-9" }));
        Assert.That(chain[2].Types, Is.EqualTo(new[] { "Organization", "Location" }));
        Assert.That(await Intake(), Is.Zero);
        var check = await AuditTrail.Integrity(App);
        Assert.That(check["intact"]!.GetValue<bool>(), Is.True);
        Assert.That(check["checked"]!.GetValue<long>(), Is.EqualTo(3));
    }

    /// <summary>Inserts records into the intake as a node's writer does, without this node's writer knowing.</summary>
    private Task Hand(params ChainedRecord[] records) => Sql.Execute(ConnectionString,
        "insert into ror.audit_intake (record) values " + string.Join(", ", records.Select(r => $"('{IntakeRecord.Write(r).Replace("'", "''")}')")));

    private Task<long> Intake() => Sql.Scalar<long>(ConnectionString, "select count(*) from ror.audit_intake");

    private Task<List<(string Id, string[] Entities, string[] Types)>> Chain() => Sql.Rows(ConnectionString,
        "select id, entities, entity_types from ror.audit_chain order by position",
        row => (row.GetString(0), row.GetFieldValue<string[]>(1), row.GetFieldValue<string[]>(2)));
}
