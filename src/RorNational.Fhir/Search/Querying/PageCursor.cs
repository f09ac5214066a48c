using RorNational.Domain.Common;
using RorNational.Fhir.Http;

namespace RorNational.Fhir.Search.Querying;

/// <summary>
/// Where a page starts, as keyset paging needs it: the sort values and id of the last match
/// before it (or, going back, the first match after it). <see cref="IncludesAfter"/> continues
/// the included resources of the same matches when they did not fit one page: that cursor
/// starts at the page's first match (<see cref="Inclusive"/>). Opaque to clients (<see cref="OpaqueCursor"/>).
/// </summary>
public sealed record PageCursor(
    IReadOnlyList<string?> Keys,
    string Id,
    bool Backward = false,
    string? IncludesAfter = null,
    bool Inclusive = false)
{
    public const string ParameterName = "_cursor";

    public string Encode() => OpaqueCursor.Encode(this);

    /// <summary>
    /// The cursor a link carries; anything else (not base64url JSON, keys or id missing, a NUL
    /// the database cannot compare) is refused with 400, before any SQL.
    /// </summary>
    public static PageCursor Decode(string text)
    {
        var cursor = OpaqueCursor.Decode<PageCursor>(text);
        if (cursor is not { Keys: not null, Id: not null } || !OpaqueCursor.IsText(cursor.Id) || !OpaqueCursor.IsText(cursor.IncludesAfter)
            || cursor.Keys.Any(key => !OpaqueCursor.IsText(key)))
            throw CommandRejected.Because(RejectionKind.Invalid,
                "is not a page cursor of this server: follow the Bundle's links as given", ParameterName);
        return cursor;
    }
}
