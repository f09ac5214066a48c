using System.Globalization;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;
using RorNational.Fhir.Http;
using RorNational.Fhir.Search.Querying;

namespace RorNational.Fhir.Search.Results;

/// <summary>
/// Writes a searchset Bundle around the stored JSON of the resources found, without parsing
/// them: total, self/next/previous links, one entry per match and include (search.mode), the
/// distance of near searches, and an OperationOutcome entry for ignored parameters.
/// </summary>
public static class SearchBundleWriter
{
    private const string DistanceExtension = "http://hl7.org/fhir/StructureDefinition/location-distance";

    /// <summary>The Bundle's writing, for <see cref="FhirJsonResult"/>.</summary>
    public static Action<Utf8JsonWriter> Writer(SearchRequest request, SearchResult result, string baseUrl, string selfPath, DateTimeOffset now)
    {
        return json =>
        {
            json.WriteStartObject();
            json.WriteString("resourceType", "Bundle");
            json.WriteString("id", Guid.NewGuid().ToString());
            json.WriteStartObject("meta");
            json.WriteString("lastUpdated", BundleJson.Instant(now));
            json.WriteEndObject();
            json.WriteString("type", "searchset");
            if (result.Total is { } total) json.WriteNumber("total", total);

            json.WriteStartArray("link");
            BundleJson.WriteLink(json, "self", Link(selfPath, request, request.Cursor));
            if (result.Next is { } next) BundleJson.WriteLink(json, "next", Link(selfPath, request, next));
            if (result.Previous is { } previous) BundleJson.WriteLink(json, "previous", Link(selfPath, request, previous));
            json.WriteEndArray();

            // FHIR arrays are never empty: no entry at all when nothing is found.
            if (result.Matches.Count + result.Includes.Count + request.Warnings.Count > 0) json.WriteStartArray("entry");
            foreach (var match in result.Matches) WriteEntry(json, request, match, baseUrl, "match");
            foreach (var include in result.Includes) WriteEntry(json, request, include, baseUrl, "include");
            if (request.Warnings.Count > 0) WriteOutcome(json, request.Warnings);
            if (result.Matches.Count + result.Includes.Count + request.Warnings.Count > 0) json.WriteEndArray();
            json.WriteEndObject();
        };
    }

    /// <summary>The search as the client asked it (GET form, even for POST _search), at a given page.</summary>
    private static string Link(string selfPath, SearchRequest request, PageCursor? cursor)
    {
        var parameters = request.Canonical.ToList();
        if (cursor is not null) parameters.Add(new(PageCursor.ParameterName, cursor.Encode()));
        var url = selfPath;
        foreach (var (name, value) in parameters) url = QueryHelpers.AddQueryString(url, name, value);
        return url;
    }

    private static void WriteEntry(Utf8JsonWriter json, SearchRequest request, FoundResource found, string baseUrl, string mode)
    {
        json.WriteStartObject();
        json.WriteString("fullUrl", $"{baseUrl}/{found.Type}/{found.Id}");
        json.WritePropertyName("resource");
        json.WriteRawValue(ResourceShaping.Shape(found.Utf8Json, found.Type, request), skipInputValidation: true);
        json.WriteStartObject("search");
        json.WriteString("mode", mode);
        if (found.DistanceKm is { } distance)
        {
            json.WriteStartArray("extension");
            json.WriteStartObject();
            json.WriteString("url", DistanceExtension);
            json.WriteStartObject("valueDistance");
            json.WriteNumber("value", Math.Round((decimal)distance, 3));
            json.WriteString("unit", "km");
            json.WriteString("system", "http://unitsofmeasure.org");
            json.WriteString("code", "km");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteOutcome(Utf8JsonWriter json, IEnumerable<string> warnings)
    {
        var outcome = new OperationOutcome
        {
            Id = Guid.NewGuid().ToString(),
            Issue = warnings.Select(w => new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Warning,
                Code = OperationOutcome.IssueType.NotSupported,
                Diagnostics = w,
            }).ToList(),
        };
        json.WriteStartObject();
        json.WriteString("fullUrl", "urn:uuid:" + outcome.Id);
        json.WritePropertyName("resource");
        json.WriteRawValue(FhirJson.Serialize(outcome), skipInputValidation: true);
        json.WriteStartObject("search");
        json.WriteString("mode", "outcome");
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
