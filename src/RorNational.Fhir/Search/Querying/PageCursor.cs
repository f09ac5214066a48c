using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using RorNational.Domain.Common;

namespace RorNational.Fhir.Search.Querying;

/// <summary>
/// Where a page starts, as keyset paging needs it: the sort values and id of the last match
/// before it (or, going back, the first match after it). <see cref="IncludesAfter"/> continues
/// the included resources of the same matches when they did not fit one page: that cursor
/// starts at the page's first match (<see cref="Inclusive"/>). Opaque to clients.
/// </summary>
public sealed record PageCursor(
    IReadOnlyList<string?> Keys,
    string Id,
    bool Backward = false,
    string? IncludesAfter = null,
    bool Inclusive = false)
{
    public const string ParameterName = "_cursor";

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    /// <summary>
    /// The cursor a link carries; anything else (not base64url JSON, keys or id missing, a NUL
    /// the database cannot compare) is refused with 400, before any SQL.
    /// </summary>
    public static PageCursor Decode(string text)
    {
        PageCursor? cursor;
        try
        {
            cursor = JsonSerializer.Deserialize<PageCursor>(Base64Url.DecodeFromChars(text));
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException or NotSupportedException)
        {
            cursor = null;
        }
        if (cursor is not { Keys: not null, Id: not null } || !IsText(cursor.Id) || !IsText(cursor.IncludesAfter)
            || cursor.Keys.Any(key => !IsText(key)))
            throw CommandRejected.Because(RejectionKind.Invalid,
                "is not a page cursor of this server: follow the Bundle's links as given", ParameterName);
        return cursor;
    }

    /// <summary>Text PostgreSQL can compare: no NUL, no lone surrogate (it would not encode to UTF-8).</summary>
    private static bool IsText(string? value)
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
