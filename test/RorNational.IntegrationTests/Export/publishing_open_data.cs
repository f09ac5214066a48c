using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Export;

/// <summary>
/// <c>open-data &lt;folder&gt;</c>, run as an operator runs it: the whole repository as the public
/// profile sees it, in ndjson files and a static Bulk Publish manifest; the same resources, byte
/// for byte, as a public client's $export.
/// </summary>
public sealed class publishing_open_data : ExportFixture
{
    private string _folder = "";

    [SetUp]
    public void NewFolder() => _folder = Path.Combine(Path.GetTempPath(), "rornational-open-data-" + Guid.NewGuid().ToString("N")[..8]);

    [TearDown]
    public void RemoveFolder()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Test, CancelAfter(180_000)]
    public async Task the_public_data_are_written_with_a_bulk_publish_manifest()
    {
        var (exitCode, output) = await HostCommand.RunAsync(ConnectionString, "open-data", _folder, "--base-url", "https://data.example.fr/ror/2026-w49", "--resources-per-file", "20");
        Assert.That(exitCode, Is.Zero, output);
        TestContext.Out.WriteLine(output);

        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "bulk-publish.json")))!.AsObject();
        Assert.That(manifest["requiresAccessToken"]!.GetValue<bool>(), Is.False);
        Assert.That(manifest["outputFormat"]!.GetValue<string>(), Is.EqualTo("application/fhir+ndjson"));
        Assert.That(manifest["extension"]!["urn:ror:access-profile"]!.GetValue<string>(), Is.EqualTo("P0"));
        var lines = new List<string>();
        foreach (var file in manifest.Outputs())
        {
            var url = file["url"]!.GetValue<string>();
            Assert.That(url, Does.StartWith("https://data.example.fr/ror/2026-w49/").And.EndWith(".ndjson"));
            var written = (await File.ReadAllLinesAsync(Path.Combine(_folder, url[(url.LastIndexOf('/') + 1)..]))).Where(l => l.Length > 0).ToList();
            Assert.That(written, Has.Count.EqualTo(file["count"]!.GetValue<long>()).And.Count.LessThanOrEqualTo(20));
            lines.AddRange(written);
        }
        Assert.That(Directory.GetFiles(_folder), Has.Length.EqualTo(manifest.Outputs().Count() + 1), "the files and the manifest, nothing else");

        var consumer = App.ClientFor(TestClients.Public);
        var exported = await consumer.Resources(await consumer.Exported("/fhir/$export"));
        Assert.That(lines, Is.EquivalentTo(exported.Values));

        var again = await HostCommand.RunAsync(ConnectionString, "open-data", _folder);
        Assert.That(again.ExitCode, Is.Not.Zero, "a folder already published is not overwritten");
        Assert.That(again.Output, Does.Contain("not empty"));
    }
}
