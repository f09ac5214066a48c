using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marten;
using Npgsql;
using RorNational.Fhir.Export;
using RorNational.Fhir.Export.Files;
using RorNational.Fhir.Storage;
using RorNational.IntegrationTests.Capacity.Publishing;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Capacity.Publishing.CapacityAppends;

namespace RorNational.IntegrationTests.Export;

/// <summary>
/// Exports while capacity changes: one export is one cut of the event sequence whatever is
/// written while it runs; <c>_since</c> gives the changes after an instant; a cancelled export
/// leaves nothing behind.
/// </summary>
public sealed class exporting_while_suppliers_write : ExportFixture
{
    private int _count = 100;

    private SupplyZone Lieu => Zone;

    private Task ChangeCapacity() => App.Store.AppendCapacity(Lieu.EGFiness, Lieu.LieuId, Added(Indicator("05", _count++, temporality: $"{_count % 90 + 10}")));

    private async Task<long> LocationVersion()
    {
        await using var session = App.Store.QuerySession();
        return (await session.LoadAsync<LocationDocument>(Lieu.LocationId))!.Version;
    }

    [Test]
    public async Task an_export_is_one_cut_of_the_event_sequence_while_capacity_changes()
    {
        await ChangeCapacity();
        var before = await LocationVersion();

        // The HealthcareServices' table locked: the export takes its snapshot, writes the
        // Organizations, then waits to read the HealthcareServices; meanwhile the lieu changes.
        await using var paused = await HealthcareServicesLock.TakeAsync(ConnectionString, App.Store.Options.DatabaseSchemaName);
        var status = await Client.Started("/fhir/$export");
        await paused.UntilAnExportWaitsAsync();
        for (var i = 0; i < 3; i++) await ChangeCapacity();
        await paused.ReleaseAsync();

        var manifest = await Client.Manifest(status);
        var exported = await Client.Resources(manifest, "Location");
        var location = JsonNode.Parse(exported["Location/" + Lieu.LocationId])!;
        Assert.That(await LocationVersion(), Is.EqualTo(before + 3), "the lieu changed three times during the export");
        Assert.That(location["meta"]!["versionId"]!.GetValue<string>(), Is.EqualTo(before.ToString()), "the export shows the lieu as it was at the cut");

        // The cut in the manifest: every Location's version as of that event, none after.
        var cut = manifest["extension"]!["urn:ror:event-sequence"]!.GetValue<long>();
        await using var session = App.Store.QuerySession();
        var last = await session.Events.QueryAllRawEvents().Where(e => e.StreamKey == RorNational.Domain.Capacity.CapacityStreams.Of(Lieu.EGFiness, Lieu.LieuId))
            .OrderByDescending(e => e.Sequence).Take(4).Select(e => e.Sequence).ToListAsync();
        Assert.That(last[3], Is.LessThanOrEqualTo(cut), "the change before the export is in the cut");
        Assert.That(last.Take(3), Has.All.GreaterThan(cut), "the changes during the export are after it");
    }

    [Test]
    public async Task since_an_instant_the_changed_resources_only()
    {
        var since = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await ChangeCapacity();
        var manifest = await Client.Exported($"/fhir/$export?_since={Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"))}");
        var exported = await Client.Resources(manifest);
        Assert.That(exported.Keys, Is.EquivalentTo(new[] { "Location/" + Lieu.LocationId }));
        Assert.That(manifest.Outputs("deleted"), Is.Empty);
        var later = await Client.Exported($"/fhir/$export?_since={Uri.EscapeDataString(manifest["transactionTime"]!.GetValue<string>())}");
        // transactionTime may stand up to ExportCut.RecentSeconds before the cut (transactions then begun): the lieu
        // changed just before may come again, nothing older may.
        Assert.That((await Client.Resources(later)).Keys, Is.SubsetOf(new[] { "Location/" + Lieu.LocationId }), "nothing else changed since the first export's transactionTime");
        Assert.That(DateTimeOffset.Parse(manifest["transactionTime"]!.GetValue<string>()), Is.GreaterThan(since.AddSeconds(-RorNational.Fhir.Export.Running.ExportCut.RecentSeconds - 1)));
    }

    [Test]
    public async Task since_an_instant_a_removed_unit_is_listed_as_deleted()
    {
        var since = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        var removed = PsychiatryUO;
        var dossier = (await (await Client.PostAsync($"/api/establishments/{Lyon}/dossiers", null).EnsureOk()).ReadJson())["dossierId"]!.GetValue<string>();
        await Client.DeleteAsync($"/api/establishments/{Lyon}/dossiers/{dossier}/fiches/uo-psy-adultes").EnsureOk();
        await Client.PostAsync($"/api/establishments/{Lyon}/dossiers/{dossier}/submit", null).EnsureOk();
        await Client.PostAsJsonAsync($"/api/establishments/{Lyon}/dossiers/{dossier}/accept", new { reason = "unité fermée" }).EnsureOk();

        var manifest = await Client.Exported($"/fhir/$export?_type=HealthcareService&_since={Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"))}");
        var deleted = manifest.Outputs("deleted").ToList();
        Assert.That(deleted, Has.Count.EqualTo(1));
        Assert.That(deleted[0]["type"]!.GetValue<string>(), Is.EqualTo("Bundle"));
        var lines = await Client.Lines(deleted[0]);
        var bundle = JsonNode.Parse(lines.Single())!;
        Assert.That(bundle["type"]!.GetValue<string>(), Is.EqualTo("transaction"));
        Assert.That(bundle["entry"]![0]!["request"]!["method"]!.GetValue<string>(), Is.EqualTo("DELETE"));
        Assert.That(bundle["entry"]![0]!["request"]!["url"]!.GetValue<string>(), Is.EqualTo("HealthcareService/" + removed));
        Assert.That((await Client.Resources(manifest)).Keys, Has.No.Member("HealthcareService/" + removed));
    }

    [Test]
    public async Task a_cancelled_export_is_gone_with_its_files()
    {
        var status = await Client.Started("/fhir/$export");
        var manifest = await Client.Manifest(status);
        var file = manifest.Outputs().First()["url"]!.GetValue<string>();

        var cancel = await Client.DeleteAsync(status);
        Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await Client.GetAsync(status)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await Client.GetAsync(file)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await Client.DeleteAsync(status)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await Chunks(status), Is.Zero, "its files are deleted");
    }

    [Test]
    public async Task an_export_cancelled_while_it_runs_stops_and_leaves_nothing()
    {
        await using var paused = await HealthcareServicesLock.TakeAsync(ConnectionString, App.Store.Options.DatabaseSchemaName);
        var status = await Client.Started("/fhir/$export");
        await paused.UntilAnExportWaitsAsync();
        Assert.That((await Client.DeleteAsync(status)).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await paused.ReleaseAsync();

        var id = status[(status.IndexOf("_jobId=", StringComparison.Ordinal) + 7)..];
        await ExportRunsEnded();
        Assert.That(await Chunks(status), Is.Zero, "the run stopped at its next chunk and deleted what it had written");
        await using var session = App.Store.QuerySession();
        Assert.That((await session.LoadAsync<ExportJob>(id))!.Status, Is.EqualTo(ExportStatus.Cancelled));
        Assert.That((await Client.GetAsync(status)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    /// <summary>Waits until no export message is left to handle in Wolverine's durable inbox.</summary>
    private async Task ExportRunsEnded()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var command = new NpgsqlCommand(
                $"select count(*) from {App.Store.Options.DatabaseSchemaName}.wolverine_incoming_envelopes where message_type like '%RunExport%' and status <> 'Handled'", connection);
            if ((long)(await command.ExecuteScalarAsync())! == 0) return;
            if (DateTime.UtcNow > deadline) Assert.Fail("the export's run did not end within 30 s");
            await Task.Delay(50);
        }
    }

    private async Task<long> Chunks(string status)
    {
        var id = status[(status.IndexOf("_jobId=", StringComparison.Ordinal) + 7)..];
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from {ExportChunkTable.QualifiedName(App.Store.Options.DatabaseSchemaName)} where export_id = $1", connection)
        {
            Parameters = { new() { Value = id } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
