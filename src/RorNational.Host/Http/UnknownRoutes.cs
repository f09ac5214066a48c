using RorNational.Domain.Common;

namespace RorNational.Host.Http;

/// <summary>
/// A request no endpoint matches (routing has run: it comes after UseRouting, past the caller
/// resolution) is refused with 404 and an OperationOutcome, as on every other route, instead
/// of an empty 404.
/// </summary>
public sealed class UnknownRoutes(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context) => context.GetEndpoint() is null
        ? throw CommandRejected.Because(RejectionKind.NotFound,
            $"this server has no route {context.Request.Method} {context.Request.Path}; the FHIR API is under /fhir (see /fhir/metadata), the editors' API under /api")
        : next(context);
}
