using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Security;

namespace RorNational.IntegrationTests.Availability.Page;

/// <summary>
/// What the page tests run against: the real host as its own process (Kestrel on a loopback
/// port, as build/run starts it) on a fresh database holding the samples and their capacity
/// (samples/load), and Debian's Chromium.
/// </summary>
public sealed class PageHost : IAsyncDisposable
{
    /// <summary>Live updates polled faster than the default 0.5 s, so that a test waits less.</summary>
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Availability__Live__PollInterval"] = "00:00:00.200",
        ["Availability__Live__Heartbeat"] = "00:00:02",
    };

    private PageHost(string database, HostProcess host, HeadlessChromium browser)
    {
        Database = database;
        Host = host;
        Browser = browser;
    }

    public string Database { get; }
    public HostProcess Host { get; }
    public HeadlessChromium Browser { get; }
    public Uri PageUrl => new(Host.BaseAddress, "/availability");

    /// <summary>A token as build/token mints it (the development key) for a client of samples/clients.json.</summary>
    public static string TokenFor(string clientId) => new ForgedToken { ClientId = clientId, Lifetime = TimeSpan.FromMinutes(30) }.Sign();

    public static async Task<PageHost> StartAsync(bool samples = true)
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
            return new PageHost(database, host, await HeadlessChromium.LaunchAsync());
        }
        catch
        {
            if (host is not null) await host.DisposeAsync();
            await TestPostgres.DropDatabase(database);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Host.DisposeAsync();
        await TestPostgres.DropDatabase(Database);
    }
}
