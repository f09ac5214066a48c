using System.Text.Json;
using System.Text.Json.Nodes;
using RorNational.Fhir.Access;
using RorNational.Fhir.Ror;

namespace RorNational.Fhir.Search.Indexing.Equipment;

/// <summary>
/// One limit of an equipment of a Location (a ror-location-equipment-limit nested in a
/// ror-location-equipment extension) as the equipment index holds it, with the equipment's
/// type and its position among the Location's equipment (<see cref="Equipment"/>, which tells the
/// rows of one equipment apart from those of another of the same type): the criteria of one
/// limit (feature, limit value) hold on one row, and those of several limits on rows of one
/// equipment. An equipment without limits has one row without feature or value. <see cref="Requires"/> is the classes of the equipment extension in the
/// Location (<see cref="ElementClassification"/>) with the Location's setting.
/// </summary>
public sealed record EquipmentRow(
    string LocationId, int Equipment, string EquipmentType, string? Feature, decimal? Value, string? System, string? Code, DataClass Requires)
{
    /// <summary>The rows of the equipment a stored Location carries, read from its JSON.</summary>
    public static List<EquipmentRow> Of(string locationId, JsonObject location)
    {
        var rows = new List<EquipmentRow>();
        if (location["extension"] is not JsonArray extensions) return rows;
        var setting = ElementClassification.TopLevelOf(location)("extension");
        var equipment = -1;
        foreach (var extension in extensions.OfType<JsonObject>().Where(e => UrlOf(e) == RorCanonical.Extensions.LocationEquipment))
        {
            equipment++;
            var parts = Parts(extension);
            if (CodeOf(parts.FirstOrDefault(p => UrlOf(p) == "equipmentType")) is not { } type) continue;
            var requires = setting | ElementClassification.OfElement("extension", extension);
            var limits = parts.Where(p => UrlOf(p) == RorCanonical.Extensions.LocationEquipmentLimit).ToList();
            if (limits.Count == 0) rows.Add(new EquipmentRow(locationId, equipment, type, null, null, null, null, requires));
            foreach (var limit in limits)
            {
                var limitParts = Parts(limit);
                var quantity = limitParts.FirstOrDefault(p => UrlOf(p) == "limitValue")?["valueQuantity"] as JsonObject;
                rows.Add(new EquipmentRow(locationId, equipment, type, CodeOf(limitParts.FirstOrDefault(p => UrlOf(p) == "equipmentFeature")),
                    quantity?["value"]?.GetValueKind() == JsonValueKind.Number ? quantity["value"]!.GetValue<decimal>() : null,
                    Text(quantity?["system"]), Text(quantity?["code"]), requires));
            }
        }
        return rows;
    }

    private static List<JsonObject> Parts(JsonObject extension) => (extension["extension"] as JsonArray ?? []).OfType<JsonObject>().ToList();

    private static string? UrlOf(JsonObject? element) => Text(element?["url"]);

    private static string? CodeOf(JsonObject? part) => Text(part?["valueCodeableConcept"]?["coding"]?[0]?["code"]);

    private static string? Text(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
}
