using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using RorNational.Fhir.Access;
using RorNational.Fhir.Storage;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.History;

/// <summary>
/// A database written before the versions had their own table (<see cref="ResourceVersionTable"/>)
/// kept them as Marten documents (<c>mt_doc_fhirresourceversion</c>): the migration that creates
/// the table copies them into it, once, so that vread and history serve them as before.
/// </summary>
public sealed class versions_written_before_their_own_table : OwnDatabase
{
    private const string First = """{"resourceType":"Location","id":"old-1","meta":{"versionId":"1","lastUpdated":"2026-03-12T08:00:00.123+00:00"},"name":"Réanimation"}""";
    private const string Second = """{"resourceType":"Location","id":"old-1","meta":{"versionId":"2","lastUpdated":"2026-03-12T09:30:00+00:00"},"name":"Réanimation adulte"}""";

    [Test, CancelAfter(120_000)]
    public async Task the_table_starts_with_the_versions_the_documents_held_and_serves_them()
    {
        await OlderDocumentTable();
        // As Marten stored them: class sets by name, and by number in the oldest rows; a retirement without JSON.
        await Document("Location/old-1/_history/1", new JsonObject
        {
            ["ResourceType"] = "Location", ["ResourceId"] = "old-1", ["Version"] = 1, ["LastUpdated"] = "2026-03-12T08:00:00.123+00:00",
            ["Json"] = First, ["ClassSets"] = new JsonArray("None", "Capacity, OutsideMedicoSocial"), ["Deleted"] = false,
        });
        await Document("Location/old-1/_history/2", new JsonObject
        {
            ["ResourceType"] = "Location", ["ResourceId"] = "old-1", ["Version"] = 2, ["LastUpdated"] = "2026-03-12T09:30:00+00:00",
            ["Json"] = Second, ["ClassSets"] = new JsonArray(8, 12),
        });
        await Document("Location/old-1/_history/3", new JsonObject
        {
            ["ResourceType"] = "Location", ["ResourceId"] = "old-1", ["Version"] = 3, ["LastUpdated"] = "2026-03-13T10:00:00+00:00",
            ["Json"] = null, ["ClassSets"] = new JsonArray(), ["Deleted"] = true,
        });

        await using var migrated = Host();
        using var client = migrated.ClientFor(TestClients.AllRights);
        var versions = (await StoredVersionRows.Where(Database)).OrderBy(v => v.Version).ToList();
        Assert.That(versions.Select(v => (v.ResourceType, v.ResourceId, v.Version, v.Deleted)), Is.EqualTo(new[]
        {
            ("Location", "old-1", 1L, false), ("Location", "old-1", 2L, false), ("Location", "old-1", 3L, true),
        }));
        Assert.That(versions.Select(v => v.LastUpdated), Is.EqualTo(new[]
        {
            DateTimeOffset.Parse("2026-03-12T08:00:00.123Z"), DateTimeOffset.Parse("2026-03-12T09:30:00Z"), DateTimeOffset.Parse("2026-03-13T10:00:00Z"),
        }));
        Assert.That(versions.Select(v => v.ClassSets), Is.EqualTo(new[]
        {
            new[] { DataClass.None, DataClass.Capacity | DataClass.OutsideMedicoSocial }, [DataClass.Capacity, DataClass.Capacity | DataClass.SensitiveUnit], [],
        }));
        Assert.That(versions.Select(v => v.Json), Is.EqualTo(new[] { First, Second, null }));

        Assert.That(await client.GetStringAsync("/fhir/Location/old-1/_history/1"), Is.EqualTo(First), "served as stored, byte for byte");
        Assert.That((await client.GetAsync("/fhir/Location/old-1/_history/3")).StatusCode, Is.EqualTo(HttpStatusCode.Gone));
        var history = JsonNode.Parse(await client.GetStringAsync("/fhir/Location/old-1/_history"))!;
        Assert.That(history["total"]!.GetValue<int>(), Is.EqualTo(3));

        await migrated.Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        Assert.That(await StoredVersionRows.Where(Database), Has.Count.EqualTo(3), "copied once, when the table was created");
    }

    [Test, CancelAfter(180_000)]
    public async Task db_apply_waits_for_the_copy_beyond_npgsql_s_command_timeout()
    {
        await OlderDocumentTable();
        await Document("Location/old-1/_history/1", new JsonObject
        {
            ["ResourceType"] = "Location", ["ResourceId"] = "old-1", ["Version"] = 1, ["LastUpdated"] = "2026-03-12T08:00:00+00:00",
            ["Json"] = First, ["ClassSets"] = new JsonArray(),
        });

        // The copy waits 32 s for the old table, as a national copy takes minutes: Npgsql's 30 s would cancel it.
        await using var holder = new NpgsqlConnection(Database);
        await holder.OpenAsync();
        await using var held = await holder.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("lock table ror.mt_doc_fhirresourceversion in access exclusive mode", holder, held))
            await lockTable.ExecuteNonQueryAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var applying = HostCommand.RunAsync(Database, "db-apply");
        await Task.Delay(TimeSpan.FromSeconds(32));
        await held.CommitAsync();
        var (exitCode, output) = await applying;

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(30)), "it waited for the lock");
        Assert.That((await StoredVersionRows.Where(Database)).Select(v => v.Json), Is.EqualTo(new[] { First }));
    }

    private Task OlderDocumentTable() => WithOlderTableInsteadOf("ror.fhir_resource_version",
        "create table ror.mt_doc_fhirresourceversion (id varchar primary key, data jsonb not null, mt_dotnet_type varchar)");

    private Task Document(string id, JsonObject data) =>
        Sql.Execute(Database, "insert into ror.mt_doc_fhirresourceversion (id, data) values ($1, $2::jsonb)", id, data.ToJsonString());
}
