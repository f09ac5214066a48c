using System.Text.Json.Nodes;
using RorNational.Fhir.Access;
using RorNational.Fhir.Export;
using RorNational.Fhir.Export.Running;

namespace RorNational.Host.OpenData;

/// <summary>
/// The static manifest of an open-data publication, in the shape of the Bulk Publish proposal
/// (Bulk Data 4.0.0-ballot): no access token, ndjson, one entry per file with its count, the
/// cut's transactionTime, and the event sequence and profile as extensions.
/// </summary>
public static class OpenDataManifest
{
    public static JsonObject Of(ExportCut cut, AccessProfile profile, IReadOnlyList<ExportOutput> outputs, IReadOnlyDictionary<int, string> names, string? baseUrl)
    {
        var prefix = string.IsNullOrEmpty(baseUrl) ? "" : baseUrl.TrimEnd('/') + "/";
        return new JsonObject
        {
            ["transactionTime"] = cut.TransactionTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
            ["requiresAccessToken"] = false,
            ["outputFormat"] = RorNational.Fhir.Export.Files.ExportFileEndpoint.MediaType,
            ["output"] = new JsonArray([.. outputs.Where(o => !o.Deleted).Select(o => (JsonNode)new JsonObject
            {
                ["type"] = o.Type,
                ["url"] = prefix + names[o.Number],
                ["count"] = o.Count,
            })]),
            ["error"] = new JsonArray(),
            ["extension"] = new JsonObject
            {
                [ExportManifest.EventSequenceExtension] = cut.EventSequence,
                ["urn:ror:access-profile"] = profile.Code,
            },
        };
    }
}
