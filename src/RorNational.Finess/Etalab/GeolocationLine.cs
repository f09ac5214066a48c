using System.Globalization;
using RorNational.Domain.Common;
using RorNational.Finess.Geography;

namespace RorNational.Finess.Etalab;

/// <summary>
/// A <c>geolocalisation</c> line: type, nofinesset, coordxet, coordyet, the geocoding source,
/// the geocoding date. The source holds commas, and in older extracts semicolons, so it is
/// every field between the coordinates and the last one.
/// </summary>
internal readonly record struct GeolocationLine(string Finess, GeoPoint? Position, string? Rejection, string? Warning)
{
    private const int MinimumFieldCount = 6;

    public static GeolocationLine Read(string[] fields, CoordinateConverter converter)
    {
        if (fields.Length < MinimumFieldCount)
            return new("", null, $"a geolocalisation line has at least {MinimumFieldCount} fields, this one has {fields.Length}", null);
        var finess = fields.Field(1) ?? "";
        if (!FinessNumber.IsWellFormed(finess))
            return new(finess, null, $"'{finess}' is not a FINESS number (nofinesset)", null);
        var (x, y) = (fields.Field(2), fields.Field(3));
        var source = string.Join(",", fields[4..^1]).Trim(' ', ',');
        if (x is null && y is null) return new(finess, null, null, null); // not geocoded: nothing to say
        if (!TryParse(x, out var easting) || !TryParse(y, out var northing))
            return new(finess, null, $"coordinates ({x}, {y}) are not decimal numbers", null);
        if (GeocodingSource.EpsgCode(source) is not { } epsg)
            return new(finess, null, null,
                $"coordinate system of geocoding source '{source}' is unknown: the establishment is kept without coordinates");
        var position = converter.ToWgs84(epsg, easting, northing, out var problem);
        return position is null
            ? new(finess, null, null, $"{problem}: the establishment is kept without coordinates")
            : new(finess, position, null, null);
    }

    // double.TryParse reads "NaN" and "Infinity" whatever the styles: they are no coordinate.
    private static bool TryParse(string? value, out double number) =>
        double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number) &&
        double.IsFinite(number);
}
