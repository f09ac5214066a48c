using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using RorNational.IntegrationTests.Capacity.Protocol;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Security;

namespace RorNational.IntegrationTests.Availability.Page;

/// <summary>
/// What the page tests run against: the real host as its own process (Kestrel on a loopback
/// port, as build/run starts it) on a fresh database holding the samples and their capacity
/// (samples/load), and Debian's Chromium; with what they do to it: read the API, PATCH a
/// lieu's capacity as its supplier.
/// </summary>
public sealed class PageHost : IAsyncDisposable
{
    public const int MaxStreamsPerClient = 4;

    /// <summary>
    /// Live updates polled faster than the default 0.5 s, so that a test waits less; the node
    /// timings of the multi-node tests, so that a second node stopped hands the asynchronous
    /// projections back within a second or two.
    /// </summary>
    private static readonly Dictionary<string, string> Settings = new(Nodes.NodePair.FastNodeTimings)
    {
        ["Availability__Live__PollInterval"] = "00:00:00.200",
        ["Availability__Live__Heartbeat"] = "00:00:01",
        ["Availability__Live__MaxStreamsPerClient"] = MaxStreamsPerClient.ToString(),
    };

    private PageHost(string database, HostProcess host, HeadlessChromium? browser)
    {
        Database = database;
        Host = host;
        _browser = browser;
    }

    public string Database { get; }
    public HostProcess Host { get; }
    public HeadlessChromium Browser => _browser ?? throw new InvalidOperationException("this host was started without a browser");
    private readonly HeadlessChromium? _browser;
    public string PageUrl => new Uri(Host.BaseAddress, "/availability").ToString();

    /// <summary>A token as build/token mints it (the development key) for a client of samples/clients.json.</summary>
    public static string TokenFor(string clientId, TimeSpan? lifetime = null) =>
        new ForgedToken { ClientId = clientId, Lifetime = lifetime ?? TimeSpan.FromMinutes(30) }.Sign();

    /// <summary>A second node on the same database, as production runs several.</summary>
    public Task<HostProcess> StartAnotherNodeAsync() => HostProcess.StartAsync(Database, Settings);

    public static async Task<PageHost> StartAsync(bool samples = true, bool browser = true)
    {
        var database = await TestPostgres.CreateDatabase("availability_page");
        HostProcess? host = null;
        try
        {
            host = await HostProcess.StartAsync(database, Settings);
            if (samples)
            {
                var (exitCode, output) = await Scripts.LoadSamplesAsync(host.Client(), TokenFor("samples-loader"));
                if (exitCode != 0) throw new InvalidOperationException($"samples/load failed:\n{output}");
            }
            return new PageHost(database, host, browser ? await HeadlessChromium.LaunchAsync() : null);
        }
        catch
        {
            if (host is not null) await host.DisposeAsync();
            await TestPostgres.DropDatabase(database);
            throw;
        }
    }

    public async Task<JsonNode> GetJsonAsync(string path, string token)
    {
        using var client = Host.Client(token);
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonNode.Parse(body)! : throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {body}");
    }

    /// <summary>
    /// Waits (at most 15 s) until the daemon's high-water mark has passed every event appended so
    /// far: what the changes stream follows (AvailabilityWatermark), so that a stream opened after
    /// it hears of no change but those made after.
    /// </summary>
    public async Task WaitForTheHighWaterMarkAsync()
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        var watch = Stopwatch.StartNew();
        while (true)
        {
            await using var command = new NpgsqlCommand(
                "select coalesce((select last_seq_id from ror.mt_event_progression where name = 'HighWaterMark'), 0) >= (select coalesce(max(seq_id), 0) from ror.mt_events)",
                connection);
            if ((bool)(await command.ExecuteScalarAsync())!) return;
            if (watch.Elapsed > TimeSpan.FromSeconds(15)) throw new TimeoutException("the high-water mark did not pass the events in 15 s");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The sample supplier of the CH de Fleyriat sets the beds available now, for women, in its
    /// adult réanimation (a replace, as samples/capacity/push sends it), dated now.
    /// </summary>
    public async Task PatchAvailableBedsAsync(int count, HostProcess? through = null)
    {
        using var supplier = (through ?? Host).Client(TokenFor("supplier-ch-fleyriat"));
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ");
        var body = CapacityBodies.Replace(CapacityBodies.Selector(status: "02", gender: "01"), CapacityBodies.Record(count, now, status: "02", gender: "01"));
        var request = new HttpRequestMessage(HttpMethod.Patch, "/fhir/Location?identifier=1010000024/REA-ADULTE")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/fhir+json");
        var response = await supplier.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"the capacity PATCH was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        await Host.DisposeAsync();
        await TestPostgres.DropDatabase(Database);
    }
}
