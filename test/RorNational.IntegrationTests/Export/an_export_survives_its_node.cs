using System.Net;
using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Nodes;
using RorNational.IntegrationTests.Security;

namespace RorNational.IntegrationTests.Export;

/// <summary>
/// The node running an export is killed (SIGKILL) in the middle of it: the export's message
/// stays in Wolverine's durable inbox, the other node takes it over once the dead node's
/// heartbeat is stale, runs the export again from a new snapshot, and serves its manifest and
/// files to the client that asked, at the same poll URL.
/// </summary>
[Category("Faults")]
public sealed class an_export_survives_its_node
{
    private const int Establishments = 6;
    private NodePair? _nodes;

    [TearDown]
    public async Task StopNodes()
    {
        if (_nodes is not null) await _nodes.DisposeAsync();
        _nodes = null;
    }

    [Test, CancelAfter(180_000)]
    public async Task the_other_node_finishes_it()
    {
        _nodes = await NodePair.StartAsync("export_survives_its_node");
        using (var admin = NodePair.Admin(_nodes.First))
            for (var e = 0; e < Establishments; e++)
            {
                var response = await admin.Register(Requests.Registration(ejFiness: $"01003{e:D4}", egFiness: $"01004{e:D4}", egName: $"CH EXPORTED {e}"));
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
            }

        // The HealthcareServices' table locked: the export, on the node that took the kick-off,
        // writes the Organizations and waits there, until that node is killed.
        await using var paused = await HealthcareServicesLock.TakeAsync(_nodes.Database);
        var token = new ForgedToken { ClientId = "auditor", Lifetime = TimeSpan.FromMinutes(30) }.Sign();
        using var first = _nodes.First.Client(token);
        var status = new Uri(await first.Started("/fhir/$export"));
        await paused.UntilAnExportWaitsAsync();
        _nodes.First.Kill();
        await paused.ReleaseAsync();

        using var second = _nodes.Second.Client(token);
        var manifest = await second.Manifest(status.PathAndQuery);
        var organizations = manifest.Outputs().Where(o => o["type"]!.GetValue<string>() == "Organization").ToList();
        Assert.That(organizations.Select(o => new Uri(o["url"]!.GetValue<string>()).Port), Has.All.EqualTo(_nodes.Second.BaseAddress.Port),
            "the files are served by the node left");
        var lines = new List<string>();
        foreach (var output in organizations) lines.AddRange(await second.Lines(new JsonObject { ["url"] = new Uri(output["url"]!.GetValue<string>()).PathAndQuery, ["count"] = output["count"]!.GetValue<long>() }));
        Assert.That(lines.Count(l => l.Contains("CH EXPORTED")), Is.EqualTo(Establishments), "every EG once");
    }
}
