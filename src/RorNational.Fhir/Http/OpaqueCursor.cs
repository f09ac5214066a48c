using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace RorNational.Fhir.Http;

/// <summary>
/// The continuation token of a paged answer (search pages, history pages), opaque to clients
/// who follow the Bundle's links as given: a cursor record as base64url JSON. Decoding refuses
/// anything that is not such a record, and <see cref="IsText"/> the text PostgreSQL could not
/// compare, so a forged cursor is a 400 before any SQL, never a 500.
/// </summary>
public static class OpaqueCursor
{
    public static string Encode<T>(T cursor) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(cursor));

    /// <summary>The cursor <paramref name="text"/> encodes, or null when it is not base64url JSON of a <typeparamref name="T"/>.</summary>
    public static T? Decode<T>(string text) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(Base64Url.DecodeFromChars(text));
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Text PostgreSQL can compare: no NUL, no lone surrogate (it would not encode to UTF-8). Null is text.</summary>
    public static bool IsText(string? value)
    {
        if (value is null) return true;
        if (value.Contains('\0')) return false;
        try
        {
            StrictUtf8.GetByteCount(value);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
