using System.Globalization;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using RorNational.Domain.Common;
using RorNational.Fhir.Access;
using RorNational.Fhir.Auditing.Recording;
using RorNational.Fhir.Http;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Reading;

/// <summary>
/// The versions of a published resource: one version (vread) or a history Bundle, newest
/// first, each version as the caller's profile may see it, with its own version as ETag.
/// </summary>
public static class ResourceHistory
{
    public const int DefaultCount = 50;
    public const int MaxCount = 1000;

    public static async Task<FhirResourceResult> VreadAsync(string type, string id, string vid, IQuerySession session, CancellationToken cancellation)
    {
        if (!long.TryParse(vid, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            throw CommandRejected.Because(RejectionKind.NotFound, $"{type}/{id} has no version {vid}");
        var version = await session.LoadAsync<FhirResourceVersion>(FhirResourceVersion.KeyOf(type, id, number), cancellation)
            ?? throw CommandRejected.Because(RejectionKind.NotFound, $"{type}/{id} has no version {vid}");
        if (version.Deleted) throw CommandRejected.Because(RejectionKind.Gone, $"{type}/{id} was no longer published at version {vid}");
        var since = await LaterVersions.SinceAsync(session, type, id, number, cancellation);
        return new FhirResourceResult(type, id, AuditedRead.Vread, version.Version, version.LastUpdated, version.Json!, version.ClassSets, since);
    }

    public static async Task<IResult> AnswerAsync(string type, string id, HttpContext context, IQuerySession session)
    {
        var request = context.Request;
        var format = FhirFormat.Of(request);
        var count = Count(request.Query["_count"]);
        var since = Since(request.Query["_since"]);
        var before = Before(request.Query["_before-version"]);
        var cancellation = context.RequestAborted;

        var versions = session.Query<FhirResourceVersion>().Where(v => v.ResourceType == type && v.ResourceId == id);
        if (since is { } from) versions = versions.Where(v => v.LastUpdated >= from);
        var total = await versions.CountAsync(cancellation);
        if (total == 0 && since is null) throw CommandRejected.Because(RejectionKind.NotFound, $"{type}/{id} is not known");
        var page = await versions.Where(v => v.Version < before).OrderByDescending(v => v.Version).Take(count + 1).ToListAsync(cancellation);

        var profile = context.RequestServices.GetRequiredService<AccessProfiles>().For(context);
        var self = $"{request.Scheme}://{request.Host}{request.PathBase}/fhir/{type}/{id}/_history";
        var entries = page.Take(count).ToList();
        var classesSince = await LaterVersions.SinceEachAsync(session, type, id, entries.Select(v => v.Version).ToList(), cancellation);
        await context.RequestServices.GetRequiredService<ReadAudit>().RecordAsync(context, profile, new AuditedRead(
            AuditedRead.HistoryInstance, type,
            entries.Where(v => !v.Deleted).Select(v => new ReturnedResource(type, id, v.Version, v.ClassSets)).ToList(),
            RawQuery: ReadAudit.RawQueryOf(request, null)));
        var json = Write(type, entries, classesSince, profile, total, self, request,
            page.Count > count ? page[count - 1].Version : null, $"{request.Scheme}://{request.Host}{request.PathBase}/fhir");
        return Results.Text(FhirOutput.Render(json, format), format.ContentType, statusCode: StatusCodes.Status200OK);
    }

    private static string Write(string type, List<FhirResourceVersion> versions, IReadOnlyDictionary<long, ClassesSince> since, AccessProfile profile, int total, string self,
        HttpRequest request, long? nextBefore, string baseUrl)
    {
        return BundleJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("resourceType", "Bundle");
            json.WriteString("id", Guid.NewGuid().ToString());
            json.WriteString("type", "history");
            json.WriteNumber("total", total);
            json.WriteStartArray("link");
            BundleJson.WriteLink(json, "self", Link(self, request, null));
            if (nextBefore is { } next) BundleJson.WriteLink(json, "next", Link(self, request, next));
            json.WriteEndArray();
            if (versions.Count > 0)
            {
                json.WriteStartArray("entry");
                foreach (var version in versions) WriteEntry(json, type, version, since[version.Version], profile, baseUrl);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        });
    }

    private static void WriteEntry(Utf8JsonWriter json, string type, FhirResourceVersion version, ClassesSince since, AccessProfile profile, string baseUrl)
    {
        json.WriteStartObject();
        json.WriteString("fullUrl", $"{baseUrl}/{type}/{version.ResourceId}");
        if (!version.Deleted)
        {
            json.WritePropertyName("resource");
            json.WriteRawValue(Redaction.ForProfile(version.Json!, version.ClassSets, profile, since), skipInputValidation: true);
        }
        json.WriteStartObject("request");
        json.WriteString("method", version.Deleted ? "DELETE" : version.Version == 1 ? "POST" : "PUT");
        json.WriteString("url", version.Version == 1 ? type : $"{type}/{version.ResourceId}");
        json.WriteEndObject();
        json.WriteStartObject("response");
        json.WriteString("status", version.Deleted ? "204" : version.Version == 1 ? "201" : "200");
        json.WriteString("etag", FhirResourceResult.ETagOf(version.Version));
        json.WriteString("lastModified", BundleJson.Instant(version.LastUpdated));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string Link(string self, HttpRequest request, long? before)
    {
        var url = self;
        foreach (var name in new[] { "_count", "_since" })
            if (request.Query[name] is { Count: > 0 } value) url = QueryHelpers.AddQueryString(url, name, value.ToString());
        return before is null ? url : QueryHelpers.AddQueryString(url, "_before-version", before.Value.ToString(CultureInfo.InvariantCulture));
    }

    private static int Count(string? value) => value is null ? DefaultCount
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0 ? Math.Min(count, MaxCount)
        : throw CommandRejected.Because(RejectionKind.Invalid, "must be a positive whole number", "_count");

    private static DateTimeOffset? Since(string? value) => value is null ? null
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since) ? since
        : throw CommandRejected.Because(RejectionKind.Invalid, "must be an instant such as 2026-03-02T08:30:00Z", "_since");

    private static long Before(string? value) => value is null ? long.MaxValue
        : long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var before) ? before
        : throw CommandRejected.Because(RejectionKind.Invalid, "follow the Bundle's next link as given", "_before-version");
}
