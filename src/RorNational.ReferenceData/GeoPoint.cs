namespace RorNational.ReferenceData;

/// <summary>A point in WGS84 decimal degrees: latitude north positive, longitude east positive.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    /// <summary>The Earth's mean radius (IUGG), in kilometres, used by <see cref="DistanceKm(double, double, double, double)"/>.</summary>
    public const double EarthMeanRadiusKm = 6371.0088;

    /// <summary>Great-circle distance to <paramref name="other"/>, in kilometres.</summary>
    public double DistanceKmTo(GeoPoint other) => DistanceKm(Latitude, Longitude, other.Latitude, other.Longitude);

    /// <summary>
    /// Great-circle distance between two WGS84 points, in kilometres, by the haversine formula on a
    /// sphere of the Earth's mean radius: within about 0.5 % of the ellipsoidal distance, which is
    /// plenty for "near" searches between commune centroids.
    /// </summary>
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        var phi1 = ToRadians(lat1);
        var phi2 = ToRadians(lat2);
        var sinHalfDeltaPhi = Math.Sin(ToRadians(lat2 - lat1) / 2);
        var sinHalfDeltaLambda = Math.Sin(ToRadians(lon2 - lon1) / 2);
        var h = sinHalfDeltaPhi * sinHalfDeltaPhi + Math.Cos(phi1) * Math.Cos(phi2) * sinHalfDeltaLambda * sinHalfDeltaLambda;
        // Rounding can push h a hair above 1 for antipodal points.
        return 2 * EarthMeanRadiusKm * Math.Asin(Math.Sqrt(Math.Min(1.0, h)));
    }

    private static double ToRadians(double degrees) => degrees * (Math.PI / 180);
}
