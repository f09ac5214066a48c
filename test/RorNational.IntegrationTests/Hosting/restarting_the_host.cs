using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Security;

namespace RorNational.IntegrationTests.Hosting;

/// <summary>
/// The built host as its own process, stopped and started again on a database that holds
/// FINESS imports, dossiers and versions (the samples, loaded as build/run loads them), and a
/// second node started on the same database: each starts, and serves the same data.
/// </summary>
public sealed class restarting_the_host
{
    private const string Loader = "samples-loader";
    private static readonly string[] ResourceTypes = ["Organization", "HealthcareService", "Location"];
    private static readonly string[] Establishments = ["eg-010000024", "eg-350002812", "eg-2A0000261"];

    private string _database = "";
    private readonly List<HostProcess> _hosts = [];

    [OneTimeSetUp]
    public async Task CreateDatabase() => _database = await TestPostgres.CreateDatabase(nameof(restarting_the_host));

    [OneTimeTearDown]
    public async Task DropDatabase() => await TestPostgres.DropDatabase(_database);

    [TearDown]
    public async Task StopHosts()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        _hosts.Clear();
    }

    [Test, CancelAfter(240_000)]
    public async Task a_host_stopped_after_imports_and_dossiers_starts_again_and_serves_the_same_data_as_does_a_second_node()
    {
        var first = await Start();
        var (exitCode, output) = await Scripts.LoadSamplesAsync(first.Client(), Token());
        Assert.That(exitCode, Is.Zero, output);
        var before = await Snapshot(first);
        Assert.That(before.Keys.Count(k => k.StartsWith("/fhir/")), Is.GreaterThan(40), "the samples publish 62 resources");
        Assert.That(before.Keys.Count(k => k.StartsWith("/api/finess/imports/")), Is.GreaterThan(0), "the samples run FINESS imports");

        await first.StopAsync();
        var restarted = await Start();
        var secondNode = await Start();

        Assert.That(await Snapshot(restarted), Is.EqualTo(before), "the restarted host serves what it served before");
        Assert.That(await Snapshot(secondNode), Is.EqualTo(before), "a second node on the same database serves the same");
        Assert.That(restarted.HasExited || secondNode.HasExited, Is.False);
    }

    private async Task<HostProcess> Start()
    {
        var host = await HostProcess.StartAsync(_database);
        _hosts.Add(host);
        return host;
    }

    private static string Token() => new ForgedToken { ClientId = Loader, Lifetime = TimeSpan.FromMinutes(30) }.Sign();

    /// <summary>Status, ETag and body of every published resource (and its first version), of the EGs' API views and of the imports.</summary>
    private async Task<SortedDictionary<string, string>> Snapshot(HostProcess host)
    {
        using var client = host.Client(Token());
        var paths = new List<string>();
        foreach (var type in ResourceTypes)
        {
            var bundle = JsonNode.Parse(await client.GetStringAsync($"/fhir/{type}?_count=100"))!;
            foreach (var entry in bundle["entry"]?.AsArray() ?? [])
            {
                var id = entry!["resource"]!["id"]!.GetValue<string>();
                paths.Add($"/fhir/{type}/{id}");
                paths.Add($"/fhir/{type}/{id}/_history/1");
            }
        }
        paths.AddRange(Establishments.Select(eg => $"/api/establishments/{eg}"));
        paths.AddRange((await ImportIds()).Select(id => $"/api/finess/imports/{id}"));

        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var response = await client.GetAsync(path);
            snapshot[path] = $"{(int)response.StatusCode} {response.Headers.ETag} {await response.Content.ReadAsStringAsync()}";
        }
        return snapshot;
    }

    private async Task<List<string>> ImportIds()
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("select id::text from ror.mt_doc_finessimport order by id", connection);
        await using var reader = await query.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }
}
