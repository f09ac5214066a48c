namespace RorNational.ReferenceData.Tests;

public sealed class centroids_and_distances
{
    private static Territory France => Territory.Default;

    [Test]
    public void the_centroid_of_rennes_is_in_rennes()
    {
        var centroid = France.FindCommune("35238")?.Centroid;

        Assert.That(centroid, Is.Not.Null);
        Assert.That(centroid!.Value.DistanceKmTo(new GeoPoint(48.11, -1.68)), Is.LessThan(3));
    }

    [TestCase("2A004", 41.9, 8.7)]   // Ajaccio
    [TestCase("97120", 16.24, -61.53)] // Pointe-à-Pitre
    [TestCase("97611", -12.78, 45.23)] // Mamoudzou
    [TestCase("75056", 48.86, 2.35)]  // Paris
    public void a_centroid_is_near_the_town_centre(string cog, double latitude, double longitude)
    {
        Assert.That(France.FindCommune(cog)?.Centroid?.DistanceKmTo(new GeoPoint(latitude, longitude)), Is.LessThan(10));
    }

    [Test]
    public void metropolitan_centroids_are_in_metropolitan_france()
    {
        var metropolitan = France.Communes.Where(c => France.FindDepartement(c.DepartementCode)!.Zone == TerritoryZone.Metropole);

        Assert.That(metropolitan.Select(c => c.Centroid).OfType<GeoPoint>(),
            Has.All.Matches<GeoPoint>(p => p.Latitude is > 41.3 and < 51.1 && p.Longitude is > -5.2 and < 9.6));
    }

    [Test]
    public void only_a_few_recent_communes_of_metropolitan_and_overseas_departements_lack_a_centroid()
    {
        var withoutCentroid = France.Communes.Where(c => c.Centroid is null).ToList();
        var inDepartements = withoutCentroid.Where(c => France.FindDepartement(c.DepartementCode)!.Zone != TerritoryZone.OverseasCollectivity).ToList();
        TestContext.Out.WriteLine($"{withoutCentroid.Count} communes without centroid, {inDepartements.Count} of them in the 101 départements: "
            + string.Join(", ", inDepartements.Select(c => $"{c.Cog} {c.Name}")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(inDepartements, Has.Count.LessThan(50));
            Assert.That(inDepartements, Has.None.Matches<Commune>(c => France.FindDepartement(c.DepartementCode)!.Zone == TerritoryZone.OverseasDepartement));
        }
    }

    [Test]
    public void an_arrondissement_has_no_centroid_of_its_own_but_gets_its_city_s()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(France.FindCommune("69381")?.Centroid, Is.Null);
            Assert.That(France.CentroidOf("69381"), Is.EqualTo(France.FindCommune("69123")?.Centroid));
            Assert.That(France.CentroidOf("69381"), Is.Not.Null);
            Assert.That(France.CentroidOf("35238"), Is.EqualTo(France.FindCommune("35238")?.Centroid));
            Assert.That(France.CentroidOf("99999"), Is.Null);
        }
    }

    [Test]
    public void paris_is_about_392_km_from_lyon()
    {
        // Notre-Dame de Paris and Place Bellecour, Lyon.
        Assert.That(GeoPoint.DistanceKm(48.8530, 2.3498, 45.7578, 4.8320), Is.EqualTo(392).Within(2));
    }

    [Test]
    public void the_centroids_of_paris_and_lyon_are_about_390_km_apart()
    {
        var paris = France.FindCommune("75056")!.Centroid!.Value;
        var lyon = France.FindCommune("69123")!.Centroid!.Value;

        Assert.That(paris.DistanceKmTo(lyon), Is.EqualTo(390).Within(5));
    }

    [Test]
    public void a_distance_is_zero_to_itself_symmetric_and_finite_to_the_antipodes()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(GeoPoint.DistanceKm(45, 5, 45, 5), Is.Zero);
            Assert.That(GeoPoint.DistanceKm(48.11, -1.68, 43.3, 5.37), Is.EqualTo(GeoPoint.DistanceKm(43.3, 5.37, 48.11, -1.68)));
            Assert.That(GeoPoint.DistanceKm(0, 0, 0, 180), Is.EqualTo(Math.PI * GeoPoint.EarthMeanRadiusKm).Within(1e-6));
        }
    }
}
