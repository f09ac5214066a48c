using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Fhir;
using RorNational.Offer.Http;
using RorNational.Security.Http;

namespace RorNational.Offer.Capacity;

/// <summary>What every supplier request shares: its FHIR JSON body, its request id, its If-Match.</summary>
public static class SupplierRequests
{
    /// <summary>The largest PATCH body taken: a Parameters of a hundred indicators is well under it.</summary>
    public const int MaxPatchBytes = 1024 * 1024;

    public const string RequestIdHeader = "X-Request-Id";

    /// <summary>The body, bounded, clean JSON (<see cref="JsonHygiene"/>); 415 unless application/fhir+json, 413 beyond <paramref name="maxBytes"/>.</summary>
    public static async Task<(JsonDocument Json, ReadOnlyMemory<byte> Bytes)> ReadBodyAsync(HttpRequest request, long maxBytes, CancellationToken cancellation)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, FhirJson.MediaType, StringComparison.OrdinalIgnoreCase))
            throw new HttpRefusal(HttpRefusalKind.UnsupportedMediaType, $"send the body as {FhirJson.MediaType}");
        if (request.ContentLength > maxBytes) throw TooLarge(maxBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellation)) > 0)
        {
            if (buffer.Length + read > maxBytes) throw TooLarge(maxBytes);
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        JsonHygiene.Check(bytes.Span);
        return (JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = JsonHygiene.MaxDepth }), bytes);
    }

    /// <summary>X-Request-Id: the supplier's id of this request, the same on every retry of it; null without it.</summary>
    public static string? RequestId(HttpRequest request)
    {
        var value = request.Headers[RequestIdHeader].ToString().Trim();
        if (value.Length == 0) return null;
        if (value.Length > 200 || !value.All(c => c is > ' ' and <= '~'))
            throw CommandRejected.Because(RejectionKind.Invalid, "must be at most 200 printable ASCII characters without spaces (a UUID, say)", RequestIdHeader);
        return value;
    }

    /// <summary>The version in an If-Match (W/"3", "3" or 3); null when absent.</summary>
    public static long? ExpectedVersion(string? ifMatch, string field)
    {
        if (string.IsNullOrWhiteSpace(ifMatch)) return null;
        var value = ifMatch.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal)) value = value[2..];
        return long.TryParse(value.Trim('"'), out var version) && version >= 0
            ? version
            : throw CommandRejected.Because(RejectionKind.Invalid, "must be an ETag given by this server, e.g. W/\"3\"", field);
    }

    private static HttpRefusal TooLarge(long maxBytes) =>
        new(HttpRefusalKind.PayloadTooLarge, $"this route takes bodies of at most {maxBytes} bytes");
}
