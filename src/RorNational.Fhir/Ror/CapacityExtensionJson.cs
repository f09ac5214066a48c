using System.Globalization;
using System.Text.Json.Nodes;
using RorNational.Domain.Capacity;
using C = RorNational.Fhir.Ror.CapacityCodes;

namespace RorNational.Fhir.Ror;

/// <summary>
/// One capacity indicator as the JSON of its ror-location-supported-capacity extension, built
/// directly: the same members in the same order as Firely's serializer gives for
/// <see cref="CapacityExtension.Of"/> (a Firely Extension writes its sub-extensions before its
/// url, a Coding system, code, display), so a Location edited with it is byte for byte the one
/// rendered through the FHIR model (checked by the capacity_extension_json tests). Capacity
/// supply renders every changed lieu's extensions on each write: through the FHIR model that
/// cost more than the rest of the rendering.
/// </summary>
public static class CapacityExtensionJson
{
    public static JsonObject Of(CapacityIndicator indicator)
    {
        var key = indicator.Key;
        var parts = new JsonArray
        {
            Part(C.Count, "valueInteger", JsonValue.Create(indicator.Count)),
            Part(C.UpdateDate, "valueDateTime", JsonValue.Create(CapacityExtension.Instant(indicator.SourceDate))),
        };
        Add(parts, C.CapacityStatus, key.Status);
        Add(parts, C.CapacityType, indicator.CapacityType);
        Add(parts, C.Temporality, key.Temporality);
        Add(parts, C.SourceType, indicator.SourceType);
        Add(parts, C.Gender, key.Gender);
        Add(parts, C.ClosingType, key.ClosingType);
        Add(parts, C.AdditionalBedType, key.AdditionalBedType);
        Add(parts, C.CrisisType, key.CrisisType);
        Add(parts, C.TemporaryAssignment, key.TemporaryAssignment);
        if (indicator.Comment is { } comment) parts.Add(Part(C.Comment, "valueString", JsonValue.Create(comment)));
        return new JsonObject
        {
            ["extension"] = parts,
            ["url"] = RorCanonical.Extensions.LocationSupportedCapacity,
        };
    }

    /// <summary>An instant as Firely writes meta.lastUpdated: to the 100 ns, trailing zeros and point dropped, with its offset.</summary>
    public static string Instant(DateTimeOffset instant) =>
        instant.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private static JsonObject Part(string url, string valueName, JsonNode? value) => new() { ["url"] = url, [valueName] = value };

    private static void Add(JsonArray parts, string url, string? code)
    {
        if (code is null) return;
        var (system, labels) = C.Coded[url];
        var coding = new JsonObject { ["system"] = system, ["code"] = code };
        if (labels.GetValueOrDefault(code) is { } display) coding["display"] = display;
        parts.Add(Part(url, "valueCodeableConcept", new JsonObject { ["coding"] = new JsonArray { coding } }));
    }
}
