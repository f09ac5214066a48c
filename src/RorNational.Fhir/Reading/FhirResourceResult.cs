using System.Globalization;
using Microsoft.AspNetCore.Http;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Reading;

/// <summary>Writes a stored resource as it is, with its version as ETag and Last-Modified.</summary>
public sealed class FhirResourceResult(FhirDocument document) : IResult
{
    public static string ETagOf(long version) => $"W/\"{version}\"";

    public async Task ExecuteAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ETag = ETagOf(document.Version);
        headers.LastModified = document.LastUpdated.ToString("R", CultureInfo.InvariantCulture);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = FhirJson.ContentType;
        await context.Response.WriteAsync(document.Json, context.RequestAborted);
    }
}
