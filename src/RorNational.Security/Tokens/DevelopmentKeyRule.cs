using System.Net;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace RorNational.Security.Tokens;

/// <summary>
/// Where the built-in development key (whose secret is in the source code) may check tokens:
/// in the Development environment, on a host that listens on loopback addresses only, so that
/// only someone already on the machine can reach it.
/// </summary>
/// <remarks>
/// "Testing" counts as Development only inside a test runner, where the host is built
/// in-process by the tests (the ASP.NET test server, which listens on nothing, or Kestrel on
/// a loopback port): the process's entry point is then the runner, not this application. The
/// same name set on the real process (<c>dotnet RorNational.Host.dll</c>) is refused like
/// Production. The loopback rule applies in both.
/// </remarks>
public static class DevelopmentKeyRule
{
    public const string TestingEnvironment = "Testing";

    public static bool AllowsEnvironment(IHostEnvironment environment) =>
        environment.IsDevelopment() || (environment.IsEnvironment(TestingEnvironment) && IsHostedByTestRunner(environment));

    private static bool IsHostedByTestRunner(IHostEnvironment environment) =>
        Assembly.GetEntryAssembly()?.GetName().Name is { } entry && entry != environment.ApplicationName;

    /// <summary>
    /// The addresses the configuration binds (urls / ASPNETCORE_URLS, http_ports and https_ports,
    /// Kestrel:Endpoints) that are not loopback. Kestrel's default, without any of them, is
    /// http://localhost:5000.
    /// </summary>
    public static IReadOnlyList<string> PublicBindings(IConfiguration configuration)
    {
        var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(endpoint => endpoint["Url"] ?? ""))
            .Where(url => !IsLoopback(url));
        // Ports alone bind every interface.
        var ports = new[] { "http_ports", "https_ports" }
            .Where(key => !string.IsNullOrWhiteSpace(configuration[key]))
            .Select(key => $"{key}={configuration[key]} (every interface)");
        return urls.Concat(ports).ToList();
    }

    /// <summary>True for localhost, 127.0.0.0/8 and ::1, with or without scheme, port and path.</summary>
    public static bool IsLoopback(string url)
    {
        var rest = url.Trim();
        if (rest.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0) rest = rest[(scheme + 3)..];
        if (rest.IndexOf('/') is var slash and >= 0) rest = rest[..slash];
        var host = rest.StartsWith('[')
            ? rest[1..Math.Max(1, rest.IndexOf(']'))]
            : rest.LastIndexOf(':') is var colon and >= 0 ? rest[..colon] : rest;
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
               || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    public static InvalidOperationException Refused(IEnumerable<string> bindings) => new(
        $"{TokenSettings.Section}: the development key is refused on a host bound to {string.Join(", ", bindings)}: " +
        "its secret is public, so it is accepted only on loopback addresses (e.g. ASPNETCORE_URLS=http://127.0.0.1:8080). " +
        $"Configure {TokenSettings.Section}:SigningKeys to serve other addresses.");
}
