using RorNational.Domain.Common;
using RorNational.Fhir.Http;

namespace RorNational.Fhir.Reading.History;

/// <summary>
/// Where the next page of a history starts: the key of the last version served, in the
/// history's order (lastUpdated, type, id, version, all descending). Versions are never
/// changed once written, so a page after this key lists each version once, whatever was
/// written between two pages (a version written meanwhile is listed only if it sorts after
/// the key). Opaque to clients (<see cref="OpaqueCursor"/>): they follow the Bundle's next link.
/// </summary>
public sealed record HistoryCursor(DateTime LastUpdated, string Type, string Id, long Version)
{
    public const string Name = "_cursor";

    public string Token() => OpaqueCursor.Encode(this);

    public static HistoryCursor? Parse(string? token)
    {
        if (token is null) return null;
        if (OpaqueCursor.Decode<HistoryCursor>(token) is { Type.Length: > 0, Id.Length: > 0, Version: >= 0 } cursor
            && cursor.LastUpdated.Kind == DateTimeKind.Utc && OpaqueCursor.IsText(cursor.Type) && OpaqueCursor.IsText(cursor.Id))
            return cursor;
        throw CommandRejected.Because(RejectionKind.Invalid, "follow the Bundle's next link as given", Name);
    }
}
