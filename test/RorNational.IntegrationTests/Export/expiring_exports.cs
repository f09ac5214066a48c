using System.Net;
using Npgsql;
using RorNational.Fhir.Export.Files;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Export;

/// <summary>
/// The files of a completed export are deleted once Export:Retention has passed (here one
/// second): the poll URL then answers 410 Gone, as do the files, and nothing is left in the database.
/// </summary>
public sealed class expiring_exports : ApiFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Export:Retention"] = "00:00:01",
        ["Limits:Defaults:Export:Permits"] = "100000",
        ["Limits:Defaults:Export:Burst"] = "100000",
    };

    [Test, CancelAfter(60_000)]
    public async Task the_files_are_deleted_when_the_retention_is_past()
    {
        var registered = await Client.Register(Requests.Registration(egName: "CH EXPIRING"));
        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var status = await Client.Started("/fhir/$export");
        var manifest = await Client.Manifest(status);
        var file = manifest.Outputs().First()["url"]!.GetValue<string>();
        Assert.That(manifest.Outputs().Sum(o => o["count"]!.GetValue<long>()), Is.GreaterThanOrEqualTo(2), "the EJ and the EG");

        HttpResponseMessage poll;
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while ((poll = await Client.GetAsync(status)).StatusCode == HttpStatusCode.OK && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.That(poll.StatusCode, Is.EqualTo(HttpStatusCode.Gone), await poll.Content.ReadAsStringAsync());
        Assert.That((await Client.GetAsync(file)).StatusCode, Is.EqualTo(HttpStatusCode.Gone));

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand($"select count(*) from {ExportChunkTable.QualifiedName(App.Store.Options.DatabaseSchemaName)}", connection);
        Assert.That((long)(await count.ExecuteScalarAsync())!, Is.Zero);
    }
}
