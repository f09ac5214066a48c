using System.Net.Http.Headers;
using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RorNational.Security.Tokens;

namespace RorNational.IntegrationTests.Infrastructure;

/// <summary>
/// The real host (Program) over the ASP.NET test server, on a database of its own, with a
/// fixed clock so that business times in responses are predictable, and the clients of
/// clients.json registered (<see cref="TestClients"/>).
/// </summary>
/// <param name="settings">Configuration for this host, applied last (e.g. Access:AnonymousProfile, Authentication:SigningKeys:0:KeyId).</param>
public sealed class RorNationalApp(
    string connectionString, TimeProvider clock, Action<IServiceCollection> configureServices,
    IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    static RorNationalApp()
    {
        JasperFxEnvironment.AutoStartHost = true;
        // Every in-process host watches its configuration files (appsettings, the clients file).
        // With inotify, each watcher holds one of the user's 128 inotify instances, and hundreds
        // of hosts booted one after the other in one test process ran out of them; polling
        // (every 4 s, as PhysicalFileProvider does when asked) holds none.
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:RorNational", connectionString);
        builder.UseSetting("Access:ClientsFile", TestClients.File);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton(clock));
            configureServices(services);
        });
    }

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    /// <summary>A token for a registered client, minted in-process by the host's own <see cref="TokenIssuer"/>.</summary>
    public string TokenFor(string clientId, TimeSpan? lifetime = null) =>
        Services.GetRequiredService<TokenIssuer>().Issue(clientId, lifetime);

    /// <summary>An HTTP client that calls as this registered client (see <see cref="TestClients"/>).</summary>
    public HttpClient ClientFor(string clientId) => ClientWithToken(TokenFor(clientId));

    /// <summary>An HTTP client that sends this bearer token, whatever it is.</summary>
    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>An HTTP client that sends no token.</summary>
    public HttpClient AnonymousClient() => CreateClient();
}
