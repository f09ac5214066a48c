using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Headers;
using Microsoft.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using RorNational.Fhir.Access;
using RorNational.Fhir.Auditing.Recording;
using RorNational.Fhir.Http;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Reading;

/// <summary>
/// Writes a stored resource as the caller's access profile may see it, with the version of
/// the stored resource as ETag and Last-Modified (the same for every profile), in the
/// negotiated format, its read recorded for the audit (<see cref="ReadAudit"/>); 304 Not Modified when If-None-Match or If-Modified-Since says the caller has it.
/// The resource is held as UTF-8: a current resource's stored bytes go out as they came from
/// PostgreSQL, or its redacted rendering kept per profile.
/// </summary>
public sealed class FhirResourceResult(
    string type, string id, string subtype, long version, DateTimeOffset lastUpdated, byte[] utf8Json, IReadOnlyCollection<DataClass> classSets, ClassesSince since,
    string? renderingKey = null) : IResult
{
    /// <summary>A current resource: its redacted renderings are kept per profile (<see cref="RedactedRenderings"/>).</summary>
    public FhirResourceResult(string type, CurrentResource resource) : this(type, resource.Id, AuditedRead.Read, resource.Version, resource.LastUpdated, resource.Utf8Json, resource.ClassSets, ClassesSince.Nothing,
        RedactedRenderings.KeyOf(type, resource.Id, resource.Version, resource.ContentHash))
    {
    }

    public static string ETagOf(long version) => $"W/\"{version}\"";

    public async Task ExecuteAsync(HttpContext context)
    {
        var format = FhirFormat.Of(context.Request);
        var headers = context.Response.Headers;
        headers.ETag = ETagOf(version);
        headers.LastModified = lastUpdated.ToString("R", CultureInfo.InvariantCulture);
        if (NotModified(context.Request.GetTypedHeaders()))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        var profile = context.RequestServices.GetRequiredService<AccessProfiles>().For(context);
        // Recorded (when above the public level) before a byte of the answer is sent.
        await context.RequestServices.GetRequiredService<ReadAudit>().RecordAsync(context, profile,
            new AuditedRead(subtype, type, [new ReturnedResource(type, id, version, classSets)]));
        await FhirOutput.WriteAsync(context, StatusCodes.Status200OK, AsSeenBy(context, profile), format);
    }

    private byte[] AsSeenBy(HttpContext context, AccessProfile profile)
    {
        if (!since.IsNothing) return Encoding.UTF8.GetBytes(Redaction.ForProfile(Encoding.UTF8.GetString(utf8Json), classSets, profile, since));
        if (renderingKey is null || !profile.HidesAnyOf(classSets)) return Redaction.ForProfile(utf8Json, classSets, profile);
        return context.RequestServices.GetRequiredService<RedactedRenderings>().For(renderingKey, profile, () => Redaction.ForProfile(utf8Json, classSets, profile));
    }
    /// <summary>If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2); weak comparison.</summary>
    private bool NotModified(RequestHeaders request)
    {
        if (request.IfNoneMatch is { Count: > 0 } tags)
            return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Tag.Value == $"\"{version}\"");
        // HTTP dates have whole seconds: the stored instant is compared at that precision.
        return request.IfModifiedSince is { } since
            && lastUpdated.ToUnixTimeSeconds() <= since.ToUnixTimeSeconds();
    }
}
