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
/// </summary>
public static class LocationCapacityRendering
{
    public sealed record Next(string Json, string ContentHash, JsonObject Parsed);

    /// <summary>The next version, or null when the content is the same (the indicators did not change what is published).</summary>
    public static Next? Of(LocationDocument current, IReadOnlyList<CapacityIndicator> indicators, DateTimeOffset lastUpdated)
    {
        var location = FhirJson.ParseOwn<Location>(JsonNode.Parse(current.Json)!.AsObject());
        location.Extension.RemoveAll(e => e.Url == RorCanonical.Extensions.LocationSupportedCapacity);
        var creationDate = location.Extension.FindIndex(e => e.Url == RorCanonical.Extensions.CreationDate);
        location.Extension.InsertRange(creationDate < 0 ? location.Extension.Count : creationDate, indicators.Select(CapacityExtension.Of));
        var (json, hash) = VersionedJson.Of(location, current.Version + 1, lastUpdated);
        return hash == current.ContentHash ? null : new Next(json, hash, JsonNode.Parse(json)!.AsObject());
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
