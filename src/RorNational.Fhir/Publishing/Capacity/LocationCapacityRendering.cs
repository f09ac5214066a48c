using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using RorNational.Domain.Capacity;
using RorNational.Fhir.Ror;
using RorNational.Fhir.Search.Indexing.Capacity;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Publishing.Capacity;

/// <summary>
/// A Location's next version after a capacity change, from its stored version alone: its
/// capacity extensions replaced by the current indicators, in the place the EG's rendering
/// puts them (before the creation date, <see cref="Locations.LocationRendering"/>), so that both
/// give the same JSON for the same state. Nothing else of the EG is read or rendered.
/// The stored JSON is edited, not parsed into a Location and serialized again (that cost more
/// than the rest of the publication): the new extensions and meta stamp are written as JSON
/// directly (<see cref="CapacityExtensionJson"/>), member for member as the FHIR serializer
/// writes them, so the JSON is byte for byte what rendering the whole Location gives.
/// </summary>
public static class LocationCapacityRendering
{
    public sealed record Next(string Json, string ContentHash, JsonObject Parsed);

    /// <summary>The next version, or null when the content is the same (the indicators did not change what is published).</summary>
    public static Next? Of(LocationDocument current, IReadOnlyList<CapacityIndicator> indicators, DateTimeOffset lastUpdated)
    {
        var next = Following(current, indicators, lastUpdated);
        return next.ContentHash == current.ContentHash ? null : next;
    }

    /// <summary>The version after <paramref name="current"/> with these indicators, whether or not its content differs.</summary>
    public static Next Following(LocationDocument current, IReadOnlyList<CapacityIndicator> indicators, DateTimeOffset lastUpdated) =>
        Edited(current, indicators, lastUpdated) ?? Rendered(current, indicators, lastUpdated);

    /// <summary>
    /// The capacity extensions of a Location's JSON, each serialized as in the stored JSON: two
    /// Locations alike but for their capacity have the same content exactly when these are equal.
    /// </summary>
    public static string[] CapacityOf(JsonObject location) =>
        location["extension"] is JsonArray extensions
            ? [.. extensions.Where(CapacityRow.IsCapacity).Select(e => e!.ToJsonString(FhirJson.Options))]
            : [];

    /// <summary>One indicator's extension serialized as <see cref="CapacityOf"/> reads it from a Location edited with it.</summary>
    public static string CapacityOf(CapacityIndicator indicator) => CapacityExtensionJson.Of(indicator).ToJsonString(FhirJson.Options);

    /// <summary>
    /// The stored JSON with its capacity extensions and meta stamp swapped for freshly serialized
    /// ones; null for a shape this edit does not cover (no extension array before or after, no
    /// meta stamp), which <see cref="Rendered"/> then handles.
    /// </summary>
    private static Next? Edited(LocationDocument current, IReadOnlyList<CapacityIndicator> indicators, DateTimeOffset lastUpdated)
    {
        var location = JsonNode.Parse(current.Json)!.AsObject();
        if (location["extension"] is not JsonArray extensions || location["meta"] is not JsonObject meta
            || !meta.ContainsKey("versionId") || !meta.ContainsKey("lastUpdated")) return null;
        var versionId = (current.Version + 1).ToString();

        for (var i = extensions.Count - 1; i >= 0; i--)
            if (CapacityRow.IsCapacity(extensions[i])) extensions.RemoveAt(i);
        var at = extensions.Count;
        for (var i = 0; i < extensions.Count; i++)
            if (extensions[i] is JsonObject e && e["url"] is JsonValue url && url.TryGetValue<string>(out var value)
                && value == RorCanonical.Extensions.CreationDate) { at = i; break; }
        foreach (var indicator in indicators) extensions.Insert(at++, CapacityExtensionJson.Of(indicator));
        if (extensions.Count == 0) return null;
        meta["versionId"] = versionId;
        meta["lastUpdated"] = CapacityExtensionJson.Instant(lastUpdated);

        var json = location.ToJsonString(FhirJson.Options);
        return VersionedJson.OfSerialized(json, versionId) is { } versioned ? new Next(json, versioned.ContentHash, location) : null;
    }

    /// <summary>The next version rendered through the Location itself: parsed, edited, serialized.</summary>
    private static Next Rendered(LocationDocument current, IReadOnlyList<CapacityIndicator> indicators, DateTimeOffset lastUpdated)
    {
        var location = FhirJson.ParseOwn<Location>(JsonNode.Parse(current.Json)!.AsObject());
        location.Extension.RemoveAll(e => e.Url == RorCanonical.Extensions.LocationSupportedCapacity);
        var creationDate = location.Extension.FindIndex(e => e.Url == RorCanonical.Extensions.CreationDate);
        location.Extension.InsertRange(creationDate < 0 ? location.Extension.Count : creationDate, indicators.Select(CapacityExtension.Of));
        var (json, hash) = VersionedJson.Of(location, current.Version + 1, lastUpdated);
        return new Next(json, hash, JsonNode.Parse(json)!.AsObject());
    }

    /// <summary>A copy of a Location's JSON without its capacity extensions: its description, as the search parameters index it.</summary>
    public static JsonObject WithoutCapacity(JsonObject location)
    {
        var copy = location.DeepClone().AsObject();
        if (copy["extension"] is not JsonArray extensions) return copy;
        for (var i = extensions.Count - 1; i >= 0; i--)
            if (CapacityRow.IsCapacity(extensions[i])) extensions.RemoveAt(i);
        if (extensions.Count == 0) copy.Remove("extension");
        return copy;
    }
}
