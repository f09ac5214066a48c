using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using RorNational.Fhir.Access;
using RorNational.Fhir.Http;

namespace RorNational.Fhir.Reading.History;

/// <summary>
/// A history as a FHIR Bundle (type history), newest first: each version as the profile may
/// see it, with its request (POST for the first version, PUT for the next ones, DELETE
/// without a resource for a retirement) and its response (201, 200, 204; ETag and
/// lastModified of that version); self and next links repeat the client's parameters.
/// </summary>
public static class HistoryBundle
{
    /// <summary>The Bundle's writing, for <see cref="FhirJsonResult"/>.</summary>
    public static Action<Utf8JsonWriter> Writer(HistoryPage page, HistoryRequest request, AccessProfile profile, HttpRequest http)
    {
        var baseUrl = $"{http.Scheme}://{http.Host}{http.PathBase}/fhir";
        var self = $"{baseUrl}/{request.Scope.Path}";
        return json =>
        {
            json.WriteStartObject();
            json.WriteString("resourceType", "Bundle");
            json.WriteString("id", Guid.NewGuid().ToString());
            json.WriteString("type", "history");
            json.WriteNumber("total", page.Total);
            json.WriteStartArray("link");
            BundleJson.WriteLink(json, "self", Link(self, http, null));
            if (page.Next is { } next) BundleJson.WriteLink(json, "next", Link(self, http, (HistoryCursor.Name, next.Token())));
            if (page.NextBeforeVersion is { } before)
                BundleJson.WriteLink(json, "next", Link(self, http, (HistoryRequest.BeforeVersionName, before.ToString(CultureInfo.InvariantCulture))));
            json.WriteEndArray();
            if (page.Entries.Count > 0)
            {
                json.WriteStartArray("entry");
                foreach (var entry in page.Entries) WriteEntry(json, entry, profile, baseUrl);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        };
    }

    private static void WriteEntry(Utf8JsonWriter json, HistoryEntry entry, AccessProfile profile, string baseUrl)
    {
        var version = entry.Version;
        var type = version.ResourceType;
        json.WriteStartObject();
        json.WriteString("fullUrl", $"{baseUrl}/{type}/{version.ResourceId}");
        if (!version.Deleted)
        {
            json.WritePropertyName("resource");
            json.WriteRawValue(Redaction.ForProfile(version.Json!, version.ClassSets, profile, entry.Since), skipInputValidation: true);
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

    private static string Link(string self, HttpRequest http, (string Name, string Value)? page)
    {
        var url = self;
        foreach (var name in HistoryRequest.Repeated)
            foreach (var value in http.Query[name])
                if (value is not null) url = QueryHelpers.AddQueryString(url, name, value);
        return page is { } p ? QueryHelpers.AddQueryString(url, p.Name, p.Value) : url;
    }
}
