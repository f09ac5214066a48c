using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Auditing;

/// <summary>
/// The hash chain over the audit records, and GET /fhir/AuditEvent/$verify-integrity: intact
/// with the number of records checked, or the first broken link named (position and record)
/// after a row altered or deleted in SQL.
/// </summary>
public class the_audit_chain : ApiFixture
{
    protected override bool ResetBetweenTests => false;

    private string _unit = "";

    [OneTimeSetUp]
    public async Task PublishTheHospital()
    {
        await Client.PublishHospital();
        var bundle = await (await App.ClientFor("test-consumer-public").GetAsync("/fhir/HealthcareService")).ReadJson();
        _unit = bundle["entry"]![0]!["resource"]!["id"]!.GetValue<string>();
        // The publication's Provenance joins the chain through the async daemon: before the chain is emptied for each test.
        await Provenance.ProvenanceChain.WaitUntilChained(ConnectionString);
    }

    [SetUp]
    public Task EmptyTheChain() => Sql.Execute(ConnectionString, "truncate ror.audit_chain, ror.audit_intake");

    /// <summary>Reads the unit with a profile above public <paramref name="count"/> times, at once: one record each.</summary>
    private async Task ProtectedReads(int count)
    {
        var crisis = App.ClientFor("test-consumer-crisis");
        var responses = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => crisis.GetAsync($"/fhir/HealthcareService/{_unit}")));
        Assert.That(responses.Select(r => (int)r.StatusCode), Is.All.EqualTo(200));
        // Linked now, as the next read of the chain would link them: the tests alter linked rows in SQL.
        await AuditTrail.Linked(App);
    }

    private Task<Dictionary<string, JsonNode?>> Verify() => AuditTrail.Integrity(App);

    private static Task<string> IdAt(string connectionString, long position) =>
        Sql.Scalar<string>(connectionString, "select id from ror.audit_chain where position = $1", position);

    [Test]
    public async Task concurrent_reads_make_one_intact_chain_without_gaps()
    {
        await ProtectedReads(40);
        var check = await Verify();
        Assert.That(check["intact"]!.GetValue<bool>(), Is.True);
        Assert.That(check["checked"]!.GetValue<long>(), Is.EqualTo(40));
    }

    [Test]
    public async Task a_row_altered_in_sql_is_named_by_the_check()
    {
        await ProtectedReads(5);
        var altered = await IdAt(ConnectionString, 3);
        await Sql.Execute(ConnectionString, "update ror.audit_chain set content = replace(content, 'A consumer reading with P1', 'Someone else') where position = 3");

        var check = await Verify();
        Assert.That(check["intact"]!.GetValue<bool>(), Is.False);
        Assert.That(check["checked"]!.GetValue<long>(), Is.EqualTo(2), "the records before it hold");
        Assert.That(check["position"]!.GetValue<long>(), Is.EqualTo(3));
        Assert.That(check["record"]!.GetValue<string>(), Is.EqualTo($"AuditEvent/{altered}"));
        Assert.That(check["reason"]!.GetValue<string>(), Does.Contain("altered"));
    }

    [Test]
    public async Task a_search_column_altered_in_sql_is_named_too()
    {
        await ProtectedReads(3);
        await Sql.Execute(ConnectionString, "update ror.audit_chain set agent = 'someone-else' where position = 2");
        var check = await Verify();
        Assert.That(check["intact"]!.GetValue<bool>(), Is.False);
        Assert.That(check["position"]!.GetValue<long>(), Is.EqualTo(2));
    }

    [Test]
    public async Task a_row_deleted_in_sql_leaves_a_gap_the_check_names()
    {
        await ProtectedReads(5);
        var after = await IdAt(ConnectionString, 4);
        await Sql.Execute(ConnectionString, "delete from ror.audit_chain where position = 3");

        var check = await Verify();
        Assert.That(check["intact"]!.GetValue<bool>(), Is.False);
        Assert.That(check["position"]!.GetValue<long>(), Is.EqualTo(4));
        Assert.That(check["record"]!.GetValue<string>(), Is.EqualTo($"AuditEvent/{after}"));
        Assert.That(check["reason"]!.GetValue<string>(), Does.Contain("position 3 is missing"));
    }

    [Test]
    public async Task a_hash_altered_in_sql_is_named()
    {
        await ProtectedReads(4);
        await Sql.Execute(ConnectionString, "update ror.audit_chain set hash = sha256(hash) where position = 2");
        var check = await Verify();
        Assert.That(check["intact"]!.GetValue<bool>(), Is.False);
        Assert.That(check["position"]!.GetValue<long>(), Is.EqualTo(2), "its hash no longer matches its columns (and the next row no longer follows it)");
    }

    [Test]
    public async Task an_empty_chain_is_intact()
    {
        var check = await Verify();
        Assert.That(check["intact"]!.GetValue<bool>(), Is.True);
        Assert.That(check["checked"]!.GetValue<long>(), Is.Zero);
    }
}
