using RorNational.Domain.Common;
using RorNational.Security.Http;

namespace RorNational.Host.Http;

/// <summary>
/// A known path called with a method it does not take (TRACE /fhir/metadata, DELETE on a FHIR
/// read) is refused with 405 and an OperationOutcome naming the method, the path and the methods
/// the path takes, instead of routing's empty 405. Routing answers these through its own
/// endpoint, which sets the status and the Allow header: this runs it, then turns its empty
/// answer into a refusal and keeps the Allow header (HEAD added where GET is taken, as HEAD is
/// served as GET).
/// </summary>
public sealed class UnsupportedMethods(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.Response.StatusCode != StatusCodes.Status405MethodNotAllowed || context.Response.HasStarted) return;
        var allowed = Allowed(context.Response.Headers.Allow.ToString());
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.Allow = allowed;
            return Task.CompletedTask;
        });
        throw new HttpRefusal(HttpRefusalKind.MethodNotAllowed,
            $"{HeadAsGet.MethodOf(context)} is not supported on {context.Request.Path}; this path takes {allowed}");
    }

    private static string Allowed(string header)
    {
        var methods = header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (methods.Contains(HttpMethods.Get) && !methods.Contains(HttpMethods.Head)) methods.Insert(methods.IndexOf(HttpMethods.Get) + 1, HttpMethods.Head);
        return string.Join(", ", methods);
    }
}
