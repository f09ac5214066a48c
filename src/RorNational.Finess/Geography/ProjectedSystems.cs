using System.Globalization;

namespace RorNational.Finess.Geography;

/// <summary>
/// The projected systems FINESS uses, defined from their published EPSG parameters. All
/// are on the GRS 1980 ellipsoid (or WGS 84) and realise ITRF: EPSG gives their
/// transformations to WGS 84 as null (zero shift, accuracy about 1 m), so a position
/// unprojected into its own geographic system is its WGS 84 position.
/// </summary>
internal static class ProjectedSystems
{
    /// <summary>A projected system, with the area where its coordinates make sense (degrees).</summary>
    public sealed record Definition(int Epsg, string Wkt, double MinLatitude, double MaxLatitude, double MinLongitude, double MaxLongitude);

    private static readonly Dictionary<int, Definition> Named = new[]
    {
        new Definition(2154, LambertConformal("RGF93 / Lambert-93", "RGF93"), 41.15, 51.56, -9.86, 10.38),
        new Definition(5490, Utm("RGAF09 / UTM zone 20N", "RGAF09", 20, south: false), 14.08, 18.54, -63.66, -57.52),
        new Definition(4559, Utm("RRAF 1991 / UTM zone 20N", "RRAF 1991", 20, south: false), 14.08, 18.54, -63.66, -57.52),
        new Definition(2972, Utm("RGFG95 / UTM zone 22N", "RGFG95", 22, south: false), 2.11, 8.88, -54.61, -49.45),
        new Definition(2975, Utm("RGR92 / UTM zone 40S", "RGR92", 40, south: true), -24.72, -18.28, 51.83, 58.24),
        new Definition(4471, Utm("RGM04 / UTM zone 38S", "RGM04", 38, south: true), -14.49, -11.33, 43.68, 46.69),
        new Definition(4467, Utm("RGSPM06 / UTM zone 21N", "RGSPM06", 21, south: false), 43.41, 47.37, -57.10, -55.90),
    }.ToDictionary(d => d.Epsg);

    public static bool IsKnown(int epsg) => Find(epsg) is not null;

    public static Definition? Find(int epsg)
    {
        if (Named.TryGetValue(epsg, out var definition)) return definition;
        // WGS 84 / UTM: 326zz north, 327zz south; FINESS writes them for Saint-Pierre-et-Miquelon and Wallis-et-Futuna.
        var zone = epsg % 100;
        if (zone is < 1 or > 60 || epsg / 100 is not (326 or 327)) return null;
        var south = epsg / 100 == 327;
        var centralMeridian = -183 + 6 * zone;
        return new Definition(epsg, Utm($"WGS 84 / UTM zone {zone}{(south ? 'S' : 'N')}", "WGS 84", zone, south),
            south ? -80 : 0, south ? 0 : 84, centralMeridian - 9, centralMeridian + 9);
    }

    private static string LambertConformal(string name, string datum) => Projected(name, datum, "Lambert_Conformal_Conic_2SP",
        ("standard_parallel_1", 49), ("standard_parallel_2", 44), ("latitude_of_origin", 46.5),
        ("central_meridian", 3), ("false_easting", 700000), ("false_northing", 6600000));

    private static string Utm(string name, string datum, int zone, bool south) => Projected(name, datum, "Transverse_Mercator",
        ("latitude_of_origin", 0), ("central_meridian", -183 + 6 * zone), ("scale_factor", 0.9996),
        ("false_easting", 500000), ("false_northing", south ? 10000000 : 0));

    private static string Projected(string name, string datum, string projection, params (string Name, double Value)[] parameters)
    {
        var spheroid = datum == "WGS 84"
            ? "SPHEROID[\"WGS 84\",6378137,298.257223563]"
            : "SPHEROID[\"GRS 1980\",6378137,298.257222101]";
        var values = string.Concat(parameters.Select(p =>
            string.Create(CultureInfo.InvariantCulture, $",PARAMETER[\"{p.Name}\",{p.Value}]")));
        return $"PROJCS[\"{name}\",GEOGCS[\"{datum}\",DATUM[\"{datum}\",{spheroid}],PRIMEM[\"Greenwich\",0]," +
               $"UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"{projection}\"]{values},UNIT[\"metre\",1]]";
    }
}
