using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using RorNational.Domain.Common;
using RorNational.Security.Access;
using RorNational.Security.Clients;
using RorNational.Security.Tokens;
using RorNational.Security.Http;

namespace RorNational.Security.Callers;

/// <summary>
/// Identifies the caller of every request but the health probes, and puts it into
/// <c>HttpContext.Features</c> (<see cref="Callers.Of"/>): the registered client of a valid
/// bearer token, or, without a token, an anonymous caller where anonymous access is allowed
/// (the CapabilityStatement always; FHIR reads and searches, and the bed-availability synthesis,
/// when Access:AnonymousProfile is set). Anything else is refused with 401 before any endpoint runs. Runs below the error
/// middleware, so refusals are OperationOutcomes.
/// </summary>
public sealed class CallerResolution(RequestDelegate next, ClientRegistry clients, AccessSettings access)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (!IsOpen(http.Request.Path))
        {
            var caller = string.IsNullOrEmpty(http.Request.Headers.Authorization)
                ? Anonymous(http.Request) ?? throw new HttpRefusal(HttpRefusalKind.Unauthorized,
                    "this request needs a bearer token (Authorization: Bearer <token>)")
                : await Authenticated(http);
            http.Features.Set(caller);
        }
        await next(http);
    }

    private Caller? Anonymous(HttpRequest request)
    {
        if (request.Path.StartsWithSegments("/fhir/metadata")) return new Caller(null, access.AnonymousProfile ?? AccessSettings.MetadataProfile);
        return access.AnonymousProfile is { } profile && ConsumerReads.Paths.Any(path => request.Path.StartsWithSegments(path)) && IsRead(request)
            ? new Caller(null, profile)
            : null;
    }

    private static bool IsRead(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
        || (HttpMethods.IsPost(request.Method) && request.Path.Value!.EndsWith("/_search", StringComparison.Ordinal));

    /// <summary>
    /// A request that carries credentials is refused if they are wrong, even where anonymous access
    /// is allowed. The JWT handler checks a token the first time it sees it and then finds it kept
    /// (<see cref="ValidatedTokens"/>, SecurityModule); its client is looked up at every request.
    /// </summary>
    private async Task<Caller> Authenticated(HttpContext http)
    {
        var result = await http.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (result.None) throw InvalidToken("send a bearer token: Authorization: Bearer <token>");
        if (!result.Succeeded) throw InvalidToken(TokenFailures.Describe(result.Failure));
        var principal = result.Principal;
        var clientId = principal.FindFirst(TokenIssuer.ClientIdClaim)?.Value ?? principal.FindFirst(JwtRegisteredClaimNames.Sub)?.Value;
        var client = (clientId is null ? null : clients.Find(clientId)) ?? throw InvalidToken("the token's client is not registered");
        http.User = principal;
        return new Caller(client, client.Profile);
    }

    private static HttpRefusal InvalidToken(string description) => new HttpRefusal(HttpRefusalKind.InvalidToken, description);

    /// <summary>
    /// Paths that identify no caller: the health probes, and the availability page's static
    /// files (/availability, /availability/{file}), which hold no data: the page asks its user
    /// for a token and sends it to /api/availability.
    /// </summary>
    private static bool IsOpen(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/availability");
}
