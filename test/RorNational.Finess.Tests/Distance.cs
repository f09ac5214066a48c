using RorNational.Domain.Common;

namespace RorNational.Finess.Tests;

internal static class Distance
{
    /// <summary>Great-circle distance, plenty precise for "within a few metres".</summary>
    public static double Metres(GeoPoint a, GeoPoint b)
    {
        const double earthRadius = 6371008.8;
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(b.Latitude - a.Latitude);
        var dLon = Radians(b.Longitude - a.Longitude);
        var h = Math.Pow(Math.Sin(dLat / 2), 2) +
                Math.Cos(Radians(a.Latitude)) * Math.Cos(Radians(b.Latitude)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * earthRadius * Math.Asin(Math.Sqrt(h));
    }
}
