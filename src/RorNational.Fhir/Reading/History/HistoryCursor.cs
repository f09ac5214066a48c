using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using RorNational.Domain.Common;

namespace RorNational.Fhir.Reading.History;

/// <summary>
/// Where the next page of a history starts: the key of the last version served, in the
/// history's order (lastUpdated, type, id, version, all descending). Versions are never
/// changed once written, so a page after this key lists each version once, whatever was
/// written between two pages (a version written meanwhile is listed only if it sorts after
/// the key). Opaque to clients: they follow the Bundle's next link.
/// </summary>
public sealed record HistoryCursor(DateTime LastUpdated, string Type, string Id, long Version)
{
    public const string Name = "_cursor";

    public string Token() => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(
        string.Join('|', LastUpdated.Ticks.ToString(CultureInfo.InvariantCulture), Type, Id, Version.ToString(CultureInfo.InvariantCulture))));

    public static HistoryCursor? Parse(string? token)
    {
        if (token is null) return null;
        try
        {
            var text = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token));
            var parts = text.Split('|');
            if (parts.Length == 4 && !text.Contains('\0')
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
                && parts[1].Length > 0 && parts[2].Length > 0
                && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                return new HistoryCursor(new DateTime(ticks, DateTimeKind.Utc), parts[1], parts[2], version);
        }
        catch (FormatException)
        {
        }
        throw CommandRejected.Because(RejectionKind.Invalid, "follow the Bundle's next link as given", Name);
    }
}
