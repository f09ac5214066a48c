using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RorNational.ReferenceData;
using RorNational.Security.Callers;

namespace RorNational.Offer.ApiRights;

/// <summary>
/// The one check of the rights on /api: after routing and the caller's resolution, before the
/// endpoint runs (so before its body is read or anything is loaded), the caller must hold the
/// right the route declares (<see cref="RequiresAttribute"/>). A refusal is the same 403
/// whether the target exists or not (<see cref="Rights.Refusal"/>). Built with the pipeline,
/// it refuses to start while an /api route declares no right.
/// </summary>
public sealed class RightsOnTheApi
{
    private readonly RequestDelegate _next;

    public RightsOnTheApi(RequestDelegate next, EndpointDataSource endpoints)
    {
        DeclaredRights.EnsureEveryApiRouteDeclaresItsRight(endpoints.Endpoints);
        _next = next;
    }

    public async Task InvokeAsync(HttpContext http, IDocumentStore store, Territory territory)
    {
        if (http.GetEndpoint() is RouteEndpoint endpoint && DeclaredRights.IsApiRoute(endpoint) && !DeclaredRights.ReadsWithConsumerProfile(endpoint))
        {
            // A route registered after start-up without a right is refused, never open.
            if (DeclaredRights.Of(endpoint) is not { } declared) throw Rights.Refusal();
            var target = RequiresAttribute.TargetRouteValues.Select(name => http.GetRouteValue(name) as string).FirstOrDefault(id => id is not null);
            if (!await RightGrants.Holds(Callers.Of(http), declared.Right, target, store, territory, http.RequestAborted)) throw Rights.Refusal();
        }
        await _next(http);
    }
}

public static class RightsOnTheApiExtensions
{
    /// <summary>After UseRouting and UseSecurity: the endpoint and the caller are known.</summary>
    public static IApplicationBuilder UseRightsOnTheApi(this IApplicationBuilder app) => app.UseMiddleware<RightsOnTheApi>();
}
