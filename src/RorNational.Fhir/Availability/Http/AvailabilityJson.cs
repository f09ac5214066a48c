using System.Text.Json;
using System.Text.Json.Serialization;

namespace RorNational.Fhir.Availability.Http;

/// <summary>
/// The JSON of the synthesis: camelCase members and figure names ("available", "forecast24h"),
/// codes kept as they are where they are keys (régions, départements, regroupements).
/// </summary>
public static class AvailabilityJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };
}
