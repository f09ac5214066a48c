using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace RorNational.Fhir.Export;

/// <summary>
/// The Bulk Data manifest of a completed export: transactionTime, request,
/// requiresAccessToken (true: a file is served to the client that asked only), output (one
/// entry per file, with its count), deleted (with <c>_since</c>), error (none: a resource that
/// cannot be exported fails the export), and the cut of the event sequence as an extension.
/// </summary>
public static class ExportManifest
{
    public const string EventSequenceExtension = "urn:ror:event-sequence";

    public static JsonObject Of(ExportJob job, HttpRequest request)
    {
        JsonObject File(ExportOutput output) => new()
        {
            ["type"] = output.Type,
            ["url"] = ExportUrls.File(request, job.Id, output.Number),
            ["count"] = output.Count,
        };
        return new JsonObject
        {
            ["transactionTime"] = job.TransactionTime!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
            ["request"] = job.Request,
            ["requiresAccessToken"] = true,
            ["output"] = new JsonArray([.. job.Outputs.Where(o => !o.Deleted).Select(o => (JsonNode)File(o))]),
            ["deleted"] = new JsonArray([.. job.Outputs.Where(o => o.Deleted).Select(o => (JsonNode)File(o))]),
            ["error"] = new JsonArray(),
            ["extension"] = new JsonObject { [EventSequenceExtension] = job.EventSequence },
        };
    }
}
