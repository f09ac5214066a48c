using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using RorNational.Fhir.Search.Querying;

namespace RorNational.Fhir.Search.Results;

/// <summary>
/// _elements and _summary: keeps the asked (or summary) top-level elements of a stored
/// resource, plus those every resource must keep (resourceType, id, meta), and tags the
/// result SUBSETTED as FHIR requires.
/// </summary>
public static class ResourceShaping
{
    private static readonly string[] Always = ["resourceType", "id", "meta"];

    public static bool Applies(SearchRequest request) => request.Elements is not null || request.Summary != SummaryMode.False;

    public static byte[] Shape(byte[] utf8Json, string resourceType, SearchRequest request)
    {
        if (!Applies(request)) return utf8Json;
        var resource = JsonNode.Parse(utf8Json)!.AsObject();
        var keep = Kept(resourceType, request);
        foreach (var name in resource.Select(p => p.Key).ToList())
            if (!keep(name)) resource.Remove(name);
        var meta = resource["meta"] as JsonObject ?? new JsonObject();
        resource["meta"] = meta;
        var tags = meta["tag"] as JsonArray ?? new JsonArray();
        meta["tag"] = tags;
        tags.Add(new JsonObject
        {
            ["system"] = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue",
            ["code"] = "SUBSETTED",
            ["display"] = "subsetted",
        });
        return JsonSerializer.SerializeToUtf8Bytes(resource, FhirJson.Options);
    }

    private static Func<string, bool> Kept(string resourceType, SearchRequest request)
    {
        if (request.Elements is { } elements)
        {
            var asked = elements.Select(e => e.Contains('.') ? e[(e.IndexOf('.') + 1)..] : e).ToHashSet();
            return name => Always.Contains(name) || asked.Contains(name) || IsMandatory(resourceType, name);
        }
        return request.Summary switch
        {
            SummaryMode.Text => name => Always.Contains(name) || name == "text" || IsMandatory(resourceType, name),
            SummaryMode.Data => name => name != "text",
            _ => name => Always.Contains(name) || IsInSummary(resourceType, name),
        };
    }

    private static bool IsInSummary(string resourceType, string element) =>
        Property(resourceType, element) is { InSummary: true } or { IsMandatoryElement: true };

    private static bool IsMandatory(string resourceType, string element) =>
        Property(resourceType, element) is { IsMandatoryElement: true };

    private static Hl7.Fhir.Introspection.PropertyMapping? Property(string resourceType, string element) =>
        ModelInfo.ModelInspector.FindClassMapping(resourceType)?.FindMappedElementByName(element);
}
