using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;

namespace RorNational.Offer.Http;

/// <summary>
/// Reads a command from a JSON body. Endpoints read their body through this rather than
/// letting Wolverine bind it, so that a bad body is refused with an OperationOutcome naming
/// the field, like every other error.
/// </summary>
public static class JsonBody
{
    private static bool IsMergePatch(this string? contentType) =>
        contentType?.StartsWith("application/merge-patch+json", StringComparison.OrdinalIgnoreCase) == true;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellation) where T : class
    {
        if (!request.HasJsonContentType() && !request.ContentType.IsMergePatch())
            throw CommandRejected.Because(RejectionKind.UnsupportedMediaType, "send the body as application/json");
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, Options, cancellation)
                ?? throw CommandRejected.Because(RejectionKind.Invalid, "a JSON object is required");
        }
        catch (JsonException json)
        {
            var field = json.Path is null or "$" ? null : json.Path.TrimStart('$', '.');
            throw CommandRejected.Because(RejectionKind.Invalid,
                $"not valid JSON for this operation (line {json.LineNumber + 1}, byte {json.BytePositionInLine})", field);
        }
    }
}
