using RorNational.Domain.Common;
using RorNational.Finess.Geography;

namespace RorNational.Finess.Tests.Geography;

/// <summary>
/// Known points per system. The expected positions were computed independently of ProjNet
/// (the IGN formulas for Lambert 93, the Krüger series for UTM, on GRS 1980) and agree to
/// five decimals with the pyproj values that a published FINESS reader checks against; each
/// lands on the place named.
/// </summary>
public sealed class converting_coordinates
{
    private readonly CoordinateConverter _converter = new();

    [TestCase(2154, 652469.02, 6862035.26, 48.856600, 2.352200, TestName = "Lambert 93: Paris, near Notre-Dame")]
    [TestCase(2154, 870262.2, 6571540.8, 46.222286, 5.209181, TestName = "Lambert 93: Viriat, CH de Fleyriat")]
    [TestCase(2154, 1176144.3, 6109049.9, 41.926500, 8.733000, TestName = "Lambert 93: Ajaccio, Corsica")]
    [TestCase(5490, 657242.9, 1795384.4, 16.234004, -61.528737, TestName = "UTM 20N RGAF09: Les Abymes, Guadeloupe")]
    [TestCase(5490, 709397.2, 1616861.9, 14.617000, -61.056000, TestName = "UTM 20N RGAF09: Fort-de-France, Martinique")]
    [TestCase(2972, 353672.8, 544349.1, 4.923467, -52.319727, TestName = "UTM 22N RGFG95: Cayenne, Guyane")]
    [TestCase(2975, 323086.6, 7679599.8, -20.975711, 55.298207, TestName = "UTM 40S RGR92: La Réunion, west coast")]
    [TestCase(4471, 524819.9, 8587194.7, -12.779886, 45.228678, TestName = "UTM 38S RGM04: Mamoudzou, Mayotte")]
    [TestCase(32621, 563213.8, 5180306.8, 46.773315, -56.172013, TestName = "WGS 84 UTM 21N: Saint-Pierre")]
    public void a_known_point_converts_to_within_a_metre(int epsg, double x, double y, double latitude, double longitude)
    {
        var position = _converter.ToWgs84(epsg, x, y, out var problem);

        Assert.That(problem, Is.Null);
        Assert.That(Distance.Metres(position!, new GeoPoint(latitude, longitude)), Is.LessThan(1));
    }

    [Test]
    public void overseas_coordinates_read_as_lambert_93_are_refused_instead_of_landing_at_sea()
    {
        var position = _converter.ToWgs84(2154, 657242.9, 1795384.4, out var problem);

        Assert.That(position, Is.Null);
        Assert.That(problem, Does.Contain("outside the area of EPSG:2154"));
    }

    [Test]
    public void a_system_finess_does_not_use_is_refused()
    {
        Assert.That(_converter.ToWgs84(27572, 600000, 2400000, out var problem), Is.Null);
        Assert.That(problem, Does.Contain("EPSG:27572"));
    }
}
