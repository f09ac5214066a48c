using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using RorNational.Security.Clients;

namespace RorNational.Security.Tokens;

/// <summary>
/// <c>RorNational.Host token &lt;clientId&gt; [--lifetime minutes]</c>: prints a token for a
/// registered client on stdout and nothing else. Runs before the web application is built:
/// it starts no server and needs no database.
/// </summary>
public static class TokenCommand
{
    public const string Name = "token";
    private const string Usage = "usage: token <clientId> [--lifetime minutes]";

    public static bool IsRequested(string[] args) => args is [Name, ..];

    public static int Run(IConfiguration configuration, IHostEnvironment environment, string[] args)
    {
        if (!TryParse(args, out var clientId, out var lifetime))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        try
        {
            var issuer = new TokenIssuer(ClientRegistry.From(configuration), TokenSettings.From(configuration, environment));
            Console.Out.WriteLine(issuer.Issue(clientId, lifetime));
            return 0;
        }
        catch (InvalidOperationException refused)
        {
            Console.Error.WriteLine($"token: {refused.Message}");
            return 1;
        }
    }

    private static bool TryParse(string[] args, out string clientId, out TimeSpan? lifetime)
    {
        clientId = "";
        lifetime = null;
        switch (args)
        {
            case [Name, var id] when !id.StartsWith('-'):
                clientId = id;
                return true;
            case [Name, var id, "--lifetime", var minutes] when !id.StartsWith('-')
                                                              && double.TryParse(minutes, System.Globalization.CultureInfo.InvariantCulture, out var m) && m > 0:
                clientId = id;
                lifetime = TimeSpan.FromMinutes(m);
                return true;
            default:
                return false;
        }
    }
}
