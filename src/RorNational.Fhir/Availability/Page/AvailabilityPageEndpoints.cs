using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using Wolverine.Http;

namespace RorNational.Fhir.Availability.Page;

/// <summary>
/// GET /availability: the bed-availability page, and /availability/{name}: the script, style
/// sheet and map it loads, all from this assembly (no front-end build, nothing from the
/// internet). They hold no data and are served without a token (the caller resolution lets
/// /availability through); the page asks its user for a token and calls /api/availability with
/// it. A strict Content-Security-Policy keeps the page to its own origin.
/// </summary>
public static class AvailabilityPageEndpoints
{
    public const string Path = "/availability";

    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    [WolverineGet(Path)]
    public static Task GetPage(HttpContext context) => WriteAsync(context, PageAssets.Embedded.Page);

    [WolverineGet(Path + "/{name}")]
    public static Task GetAsset(HttpContext context, string name) =>
        WriteAsync(context, PageAssets.Embedded.Find(name)
            ?? throw CommandRejected.Because(RejectionKind.NotFound, $"the availability page has no file {name}"));

    private static Task WriteAsync(HttpContext context, PageAssets.Asset asset)
    {
        var headers = context.Response.Headers;
        headers.ETag = asset.ETag;
        // Revalidated on each load (a 304 when unchanged), so a new version shows at once.
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        if (context.Request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        context.Response.ContentType = asset.ContentType;
        context.Response.ContentLength = asset.Content.Length;
        return context.Response.Body.WriteAsync(asset.Content, context.RequestAborted).AsTask();
    }
}
