using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using RorNational.Security.Callers;

namespace RorNational.IntegrationTests.Security;

/// <summary>
/// Tells, in two response headers, who the host took the caller for: the client id
/// ("anonymous" for nobody) and the access profile. Wraps the whole pipeline, so it sees the
/// caller of every request, answered or refused.
/// </summary>
public sealed class CallerProbe : IStartupFilter
{
    public const string ClientHeader = "X-Test-Caller-Client";
    public const string ProfileHeader = "X-Test-Caller-Profile";

    public static void AddTo(IServiceCollection services) => services.AddSingleton<IStartupFilter, CallerProbe>();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (http, nextMiddleware) =>
        {
            http.Response.OnStarting(() =>
            {
                if (http.Features.Get<Caller>() is { } caller)
                {
                    http.Response.Headers[ClientHeader] = caller.Client?.Id ?? "anonymous";
                    http.Response.Headers[ProfileHeader] = caller.Profile;
                }
                return Task.CompletedTask;
            });
            await nextMiddleware(http);
        });
        next(app);
    };

    public static (string? Client, string? Profile) Of(HttpResponseMessage response) =>
        (response.Headers.TryGetValues(ClientHeader, out var client) ? client.Single() : null,
         response.Headers.TryGetValues(ProfileHeader, out var profile) ? profile.Single() : null);
}
