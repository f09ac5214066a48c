using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;
using RorNational.Domain.Common;

namespace RorNational.Finess.Geography;

/// <summary>
/// Turns FINESS projected coordinates into WGS 84 latitude and longitude with ProjNet. One
/// instance per reading: ProjNet transforms are built once per system and are not shared
/// between threads.
/// </summary>
internal sealed class CoordinateConverter
{
    private readonly Dictionary<int, (ProjectedSystems.Definition System, MathTransform Unproject)> _systems = [];

    /// <summary>The WGS 84 position, or why there is none (the caller reports it).</summary>
    public GeoPoint? ToWgs84(int epsg, double x, double y, out string? problem)
    {
        problem = null;
        if (!_systems.TryGetValue(epsg, out var system))
        {
            var definition = ProjectedSystems.Find(epsg);
            if (definition is null)
            {
                problem = $"EPSG:{epsg} is not a coordinate system FINESS uses";
                return null;
            }
            system = _systems[epsg] = (definition, Unprojection(definition.Wkt));
        }
        if (!double.IsFinite(x) || !double.IsFinite(y))
        {
            problem = $"({x}, {y}) are not finite coordinates";
            return null;
        }
        var (longitude, latitude) = system.Unproject.Transform(x, y);
        var found = system.System;
        // A position read in the wrong system lands thousands of kilometres away: refuse it
        // rather than put an establishment in the sea.
        if (!double.IsFinite(latitude) || !double.IsFinite(longitude) ||
            latitude < found.MinLatitude || latitude > found.MaxLatitude ||
            longitude < found.MinLongitude || longitude > found.MaxLongitude)
        {
            problem = $"({x}, {y}) falls outside the area of EPSG:{epsg}";
            return null;
        }
        // Seven decimals are about a centimetre: stable values, so that a repeated import
        // of the same extract compares equal.
        return new GeoPoint(Math.Round(latitude, 7), Math.Round(longitude, 7));
    }

    private static MathTransform Unprojection(string wkt)
    {
        var projected = (ProjectedCoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(wkt);
        return new CoordinateTransformationFactory()
            .CreateFromCoordinateSystems(projected, projected.GeographicCoordinateSystem)
            .MathTransform;
    }
}
