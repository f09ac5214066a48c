using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using RorNational.Security.Access;
using RorNational.Security.Clients;

namespace RorNational.Fhir.Access;

/// <summary>
/// Stops the start-up when a registered client, or anonymous access, names a profile that is
/// not configured: a typo must not become a 500 on the first request, nor a silent fallback.
/// </summary>
public sealed class ProfileReferencesCheck(AccessProfiles profiles, ClientRegistry clients, IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var named = clients.All.Select(c => (Who: $"client '{c.Id}'", c.Profile))
            .Append((Who: "Access:AnonymousProfile", Profile: AccessSettings.From(configuration).AnonymousProfile ?? AccessSettings.MetadataProfile));
        var unknown = named.Where(n => !profiles.Contains(n.Profile)).Select(n => $"{n.Who} reads with '{n.Profile}'").ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException(
                $"Unknown access profiles: {string.Join("; ", unknown)}. Configured: {string.Join(", ", profiles.All.Select(p => p.Id))}.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
