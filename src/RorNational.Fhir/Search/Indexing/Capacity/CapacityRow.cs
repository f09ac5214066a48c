using System.Text.Json.Nodes;
using RorNational.Domain.Capacity;
using RorNational.Fhir.Access;
using RorNational.Fhir.Ror;
using C = RorNational.Fhir.Ror.CapacityCodes;

namespace RorNational.Fhir.Search.Indexing.Capacity;

/// <summary>
/// One capacity indicator of a Location (one ror-location-supported-capacity extension) as the
/// capacity index holds it: every search value of the indicator in one row, so that all the
/// capacity criteria of a search hold on the same indicator. <see cref="Requires"/> is the
/// classes of that extension in the Location (<see cref="ElementClassification"/>): capacity,
/// operational or supplementary, with the Location's setting and sensitivity.
/// </summary>
public sealed record CapacityRow(
    string LocationId, string? CapacityType, string? Status, string? Temporality, string? Gender, string? ClosingType,
    string? AdditionalBedType, string? CrisisType, string? TemporaryAssignment, int? Count,
    DateTime? UpdateLow, DateTime? UpdateHigh, DataClass Requires)
{
    /// <summary>The key of the indicator the row is of; null for a row without the key's required members (no indicator has such a row).</summary>
    public CapacityKey? Key =>
        Status is null || Temporality is null || TemporaryAssignment is null
            ? null
            : new CapacityKey(Status, Temporality, Gender, ClosingType, AdditionalBedType, CrisisType, TemporaryAssignment);

    public static bool IsCapacity(JsonNode? extension) =>
        extension is JsonObject item && item["url"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
        && item["url"]!.GetValue<string>() == RorCanonical.Extensions.LocationSupportedCapacity;

    /// <summary>The rows of the indicators a stored Location carries, read from its JSON.</summary>
    public static List<CapacityRow> Of(string locationId, JsonObject location)
    {
        var rows = new List<CapacityRow>();
        if (location["extension"] is not JsonArray extensions) return rows;
        var setting = ElementClassification.TopLevelOf(location)("extension");
        foreach (var extension in extensions.Where(IsCapacity).Cast<JsonObject>())
        {
            var parts = (extension["extension"] as JsonArray ?? []).OfType<JsonObject>()
                .Where(p => p["url"]?.GetValueKind() == System.Text.Json.JsonValueKind.String)
                .GroupBy(p => p["url"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.First());
            string? Code(string url) => parts.GetValueOrDefault(url)?["valueCodeableConcept"]?["coding"]?[0]?["code"]?.GetValue<string>();
            var count = parts.GetValueOrDefault(C.Count)?["valueInteger"]?.GetValue<int>();
            FhirDateRange? updated = FhirDateRange.TryParse(parts.GetValueOrDefault(C.UpdateDate)?["valueDateTime"]?.GetValue<string>(), out var range)
                ? range.ToMicroseconds() : null;
            rows.Add(new CapacityRow(locationId, Code(C.CapacityType), Code(C.CapacityStatus), Code(C.Temporality), Code(C.Gender),
                Code(C.ClosingType), Code(C.AdditionalBedType), Code(C.CrisisType), Code(C.TemporaryAssignment), count,
                updated?.Low, updated?.High, setting | ElementClassification.OfElement("extension", extension)));
        }
        return rows;
    }
}
