using System.Text.Json.Nodes;
using RorNational.Fhir.Provenances;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Provenance;

/// <summary>
/// A database written before the Provenance records had their own table (<see cref="ProvenanceRecordTable"/>)
/// kept them as Marten documents (<c>mt_doc_provenancerecord</c>): the migration that creates the
/// table copies them into it, once, field by field, so that the chaining, the notifications and
/// the searches read them as before.
/// </summary>
public sealed class provenance_records_kept_before_their_own_table : OwnDatabase
{
    private const string Json = """{"resourceType":"Provenance","id":"0b8f0a52-6d3c-4c3e-9a54-3b0f1f3c2a11","target":[{"reference":"Location/l-1/_history/2"}]}""";

    [Test, CancelAfter(120_000)]
    public async Task the_table_starts_with_the_records_the_documents_held()
    {
        await WithOlderTableInsteadOf(ProvenanceRecordTable.QualifiedName("ror"),
            "create table ror.mt_doc_provenancerecord (id varchar primary key, data jsonb not null, mt_dotnet_type varchar)");
        // As Marten stored them (its serializer's member names); a client id with a quote and a comma.
        var data = new JsonObject
        {
            ["Id"] = "0b8f0a52-6d3c-4c3e-9a54-3b0f1f3c2a11", ["Sequence"] = 42, ["Stream"] = "capacity-010000024-lieu-1",
            ["Recorded"] = "2026-03-12T08:00:00.123456+00:00", ["Agents"] = new JsonArray("supplier \"a\", b"),
            ["MainAgent"] = "supplier \"a\", b", ["MainAgentType"] = "author", ["Activity"] = "UPDATE",
            ["Targets"] = new JsonArray("Location/l-1/_history/2", "Location/l-2/_history/5"), ["TargetClasses"] = new JsonArray(8, 12),
            ["Json"] = Json,
        };
        await Sql.Execute(Database, "insert into ror.mt_doc_provenancerecord (id, data) values ($1, $2::jsonb)", "0b8f0a52-6d3c-4c3e-9a54-3b0f1f3c2a11", data.ToJsonString());

        await using var migrated = Host();
        using var started = migrated.ClientFor(TestClients.AllRights);
        await using var session = migrated.Store.QuerySession();
        var records = await ProvenanceRecordRows.BetweenAsync(session, 0, 100, CancellationToken.None);

        Assert.That(records, Has.Count.EqualTo(1));
        var record = records[0];
        Assert.That((record.Id, record.Sequence, record.Stream, record.MainAgent, record.MainAgentType, record.Activity),
            Is.EqualTo(("0b8f0a52-6d3c-4c3e-9a54-3b0f1f3c2a11", 42L, "capacity-010000024-lieu-1", "supplier \"a\", b", "author", "UPDATE")));
        Assert.That(record.Recorded, Is.EqualTo(DateTimeOffset.Parse("2026-03-12T08:00:00.123456Z")));
        Assert.That(record.Agents, Is.EqualTo(new[] { "supplier \"a\", b" }));
        Assert.That(record.Targets, Is.EqualTo(new[] { "Location/l-1/_history/2", "Location/l-2/_history/5" }));
        Assert.That(record.TargetClasses, Is.EqualTo(new[] { 8, 12 }));
        Assert.That(record.Json, Is.EqualTo(Json), "byte for byte");
        Assert.That(await ProvenanceRecordRows.BetweenAsync(session, 42, 100, CancellationToken.None), Is.Empty, "a page starts after its floor");

        await Sql.Execute(Database, "delete from ror.provenance_record");
        await migrated.Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        Assert.That(await ProvenanceRecordRows.BetweenAsync(session, 0, 100, CancellationToken.None), Is.Empty, "copied once, when the table was created");
    }

    [Test, CancelAfter(120_000)]
    public async Task a_record_written_and_read_back_keeps_quotes_commas_and_backslashes()
    {
        await using var app = Host();
        using var started = app.ClientFor(TestClients.AllRights);
        var record = new ProvenanceRecord
        {
            Id = "r-1", Sequence = 7, Stream = "eg-010000024", Recorded = DateTimeOffset.Parse("2026-03-12T08:00:00Z"),
            Agents = ["a\\b", "c,\"d\"", "{e}"], MainAgent = "c,\"d\"", MainAgentType = "verifier", Activity = "CREATE",
            Targets = ["Organization/eg-010000024/_history/1"], TargetClasses = [0], Json = "{\"resourceType\":\"Provenance\"}",
        };
        await using (var session = app.Store.LightweightSession())
        {
            ProvenanceRecordRows.Upsert(session, [record]);
            await session.SaveChangesAsync();
        }

        await using var reading = app.Store.QuerySession();
        var read = (await ProvenanceRecordRows.BetweenAsync(reading, 6, 7, CancellationToken.None)).Single();
        Assert.That(read.Agents, Is.EqualTo(record.Agents));
        Assert.That((read.MainAgent, read.Json, read.Recorded), Is.EqualTo((record.MainAgent, record.Json, record.Recorded)));
    }
}
