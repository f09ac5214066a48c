using System.Text.RegularExpressions;

namespace RorNational.Finess.Geography;

/// <summary>
/// Reads which coordinate system a FINESS geocoding source names. The source is free text
/// whose last comma-separated part names the system, and its wording changed over time:
/// <list type="bullet">
/// <item>until about 2024: <c>1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93</c>, overseas
/// <c>UTM_N20</c> (Antilles), <c>UTM_N21</c> (Saint-Pierre-et-Miquelon), <c>UTM_N22</c>
/// (Guyane), <c>UTM_S40</c> (La Réunion), <c>UTM_S38</c> (Mayotte); older files even wrote
/// these parts with semicolons, so they arrive as several fields joined back with commas;</item>
/// <item>since then: <c>1,ATLASANTE,96,BAN,EPSG:2154 RGF93 / Lambert-93 (Métropole)</c>,
/// <c>EPSG:5490 RGAF09/UTM Zone 20N (Antilles)</c>, <c>EPSG:2972</c>, <c>EPSG:2975</c>,
/// <c>EPSG:4471</c>, and without an EPSG code <c>WGS84/UTM zone 21N (St-Pierre-et-Miquelon)</c>
/// or <c>WGS84/UTM zone 1S (Wallis-et-Futuna)</c>; some re-publications write <c>L93_METROPOLE</c>.</item>
/// </list>
/// </summary>
internal static partial class GeocodingSource
{
    public static int? EpsgCode(string source)
    {
        var epsg = EpsgPattern().Match(source);
        if (epsg.Success)
        {
            var code = int.Parse(epsg.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            return ProjectedSystems.IsKnown(code) ? code : null;
        }
        var name = source.Split(',')[^1].Trim().ToUpperInvariant();
        int? legacy = name switch
        {
            "LAMBERT_93" or "L93_METROPOLE" => 2154,
            "UTM_N20" => 5490,
            "UTM_N21" => 4467,
            "UTM_N22" => 2972,
            "UTM_S38" => 4471,
            "UTM_S40" => 2975,
            _ => null,
        };
        if (legacy is not null) return legacy;
        var utm = Wgs84UtmPattern().Match(source);
        if (!utm.Success) return null;
        var zone = int.Parse(utm.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (zone is < 1 or > 60) return null;
        return (utm.Groups[2].Value.Equals("N", StringComparison.OrdinalIgnoreCase) ? 32600 : 32700) + zone;
    }

    [GeneratedRegex(@"EPSG\s*:\s*(\d{4,5})", RegexOptions.IgnoreCase)]
    private static partial Regex EpsgPattern();

    [GeneratedRegex(@"WGS\s*84\s*/\s*UTM\s+zone\s+(\d{1,2})\s*([NS])\b", RegexOptions.IgnoreCase)]
    private static partial Regex Wgs84UtmPattern();
}
