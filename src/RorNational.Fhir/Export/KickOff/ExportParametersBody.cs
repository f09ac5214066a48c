using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Security.Http;

namespace RorNational.Fhir.Export;

/// <summary>
/// The kick-off parameters of a <c>POST $export</c>: a FHIR Parameters resource, each parameter
/// a name and one primitive value (valueString, valueInstant, valueCode...). 415 unless FHIR
/// JSON, 413 past <see cref="MaxBytes"/>, 400 for anything but such a Parameters.
/// </summary>
public static class ExportParametersBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<List<KeyValuePair<string, string>>> ReadAsync(HttpRequest request, CancellationToken cancellation)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, FhirJson.MediaType, StringComparison.OrdinalIgnoreCase) && !string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
            throw new HttpRefusal(HttpRefusalKind.UnsupportedMediaType, $"send the kick-off Parameters as {FhirJson.MediaType}");
        using var buffer = new MemoryStream();
        var chunk = new byte[8 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellation)) > 0)
        {
            if (buffer.Length + read > MaxBytes) throw new HttpRefusal(HttpRefusalKind.PayloadTooLarge, $"the kick-off Parameters are larger than {MaxBytes} bytes");
            buffer.Write(chunk, 0, read);
        }
        try
        {
            using var body = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), new JsonDocumentOptions { MaxDepth = 16 });
            return Parameters(body.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            // Malformed JSON, and strings that are not UTF-8 (read only when a name or value is taken).
            throw Invalid("the body is not JSON in UTF-8: send a FHIR Parameters resource");
        }
    }

    private static List<KeyValuePair<string, string>> Parameters(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("resourceType", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Parameters")
            throw Invalid("the body is not a FHIR Parameters resource");
        var parameters = new List<KeyValuePair<string, string>>();
        if (!root.TryGetProperty("parameter", out var list)) return parameters;
        if (list.ValueKind != JsonValueKind.Array) throw Invalid("Parameters.parameter is an array");
        foreach (var (parameter, i) in list.EnumerateArray().Select((p, i) => (p, i)))
        {
            if (parameter.ValueKind != JsonValueKind.Object || !parameter.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                throw Invalid($"Parameters.parameter[{i}] has no name");
            var values = parameter.EnumerateObject().Where(p => p.Name.StartsWith("value", StringComparison.Ordinal)).ToList();
            if (values.Count != 1 || values[0].Value.ValueKind != JsonValueKind.String)
                throw Invalid($"Parameters.parameter[{i}] ({name.GetString()}) needs one value of a string type (valueString, valueInstant, valueCode)");
            var (key, value) = (name.GetString()!, values[0].Value.GetString()!);
            if (key.Contains('\0') || value.Contains('\0')) throw Invalid($"Parameters.parameter[{i}] holds a NUL character");
            parameters.Add(new(key, value));
        }
        return parameters;
    }

    private static CommandRejected Invalid(string message) => CommandRejected.Because(RejectionKind.Invalid, message, "body");
}
