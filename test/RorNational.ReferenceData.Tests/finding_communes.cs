namespace RorNational.ReferenceData.Tests;

public sealed class finding_communes
{
    private static Territory France => Territory.Default;

    [TestCase("01053", "Bourg-en-Bresse", "01", "84")]
    [TestCase("2A004", "Ajaccio", "2A", "94")]
    [TestCase("2B033", "Bastia", "2B", "94")]
    [TestCase("97120", "Pointe-à-Pitre", "971", "01")]
    [TestCase("97611", "Mamoudzou", "976", "06")]
    [TestCase("35238", "Rennes", "35", "53")]
    [TestCase("75056", "Paris", "75", "11")]
    public void a_known_commune_has_its_name_departement_and_region(string cog, string name, string departement, string region)
    {
        var commune = France.FindCommune(cog);

        Assert.That(commune, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(commune!.Cog, Is.EqualTo(cog));
            Assert.That(commune.Name, Is.EqualTo(name));
            Assert.That(commune.DepartementCode, Is.EqualTo(departement));
            Assert.That(commune.RegionCode, Is.EqualTo(region));
            Assert.That(commune.IsMunicipalArrondissement, Is.False);
            Assert.That(France.RegionOfCommune(cog), Is.EqualTo(region));
        }
    }

    [Test]
    public void a_corsican_code_is_found_whatever_its_case()
    {
        Assert.That(France.FindCommune("2a004")?.Cog, Is.EqualTo("2A004"));
    }

    [TestCase("99999")]
    [TestCase("")]
    [TestCase("01053 ")]
    public void an_unknown_code_finds_nothing(string cog)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(France.FindCommune(cog), Is.Null);
            Assert.That(France.FindCurrentCommune(cog), Is.Null);
            Assert.That(France.RegionOfCommune(cog), Is.Null);
        }
    }

    [Test]
    public void a_null_code_is_a_programming_error()
    {
        Assert.Throws<ArgumentNullException>(() => France.FindCommune(null!));
    }

    [Test]
    public void the_arrondissements_of_paris_lyon_and_marseille_are_communes_of_their_own_with_their_city_as_parent()
    {
        var first = France.FindCommune("75101");

        Assert.That(first, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first!.Name, Is.EqualTo("Paris 1er Arrondissement"));
            Assert.That(first.ParentCog, Is.EqualTo("75056"));
            Assert.That(first.IsMunicipalArrondissement, Is.True);
            Assert.That(first.RegionCode, Is.EqualTo("11"));
            Assert.That(France.MunicipalArrondissementsOf("75056"), Has.Count.EqualTo(20));
            Assert.That(France.MunicipalArrondissementsOf("69123"), Has.Count.EqualTo(9));
            Assert.That(France.MunicipalArrondissementsOf("13055"), Has.Count.EqualTo(16));
            Assert.That(France.MunicipalArrondissementsOf("35238"), Is.Empty);
            Assert.That(France.MunicipalArrondissements, Has.Count.EqualTo(45));
            Assert.That(France.Communes, Has.None.Matches<Commune>(c => c.IsMunicipalArrondissement));
        }
    }

    [Test]
    public void the_overseas_collectivities_have_their_communes_coded_like_departements_and_regions()
    {
        var miquelon = France.FindCommune("97501");

        Assert.That(miquelon, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(miquelon!.DepartementCode, Is.EqualTo("975"));
            Assert.That(miquelon.RegionCode, Is.EqualTo("975"));
            Assert.That(France.FindRegion("975")?.Name, Is.EqualTo("Saint-Pierre-et-Miquelon"));
            Assert.That(France.FindRegion("975")?.Zone, Is.EqualTo(TerritoryZone.OverseasCollectivity));
            Assert.That(France.FindCommune("97701")?.Name, Is.EqualTo("Saint-Barthélemy"));
            Assert.That(France.FindCommune("97801")?.Name, Is.EqualTo("Saint-Martin"));
            Assert.That(France.FindCommune("98735")?.Name, Is.EqualTo("Papeete"));
        }
    }

    [TestCase("20004", "2A004")] // Ajaccio before Corsica was split in 1976
    [TestCase("12076", "12218")] // Conques, commune déléguée of Conques-en-Rouergue
    [TestCase("49144", "44180")] // Freigné, merged into a commune of another département
    [TestCase("01053", "01053")] // a current code is its own current commune
    public void a_former_code_leads_to_the_current_commune(string formerCog, string currentCog)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(France.FindCurrentCommune(formerCog)?.Cog, Is.EqualTo(currentCog));
            Assert.That(France.RegionOfCommune(formerCog), Is.EqualTo(France.FindCommune(currentCog)?.RegionCode));
            if (formerCog != currentCog) Assert.That(France.FindCommune(formerCog), Is.Null);
        }
    }

    [Test]
    public void communes_deleguees_and_associees_are_not_communes()
    {
        // Béon became a commune déléguée of Culoz-Béon (01138).
        Assert.That(France.FindCommune("01039"), Is.Null);
    }
}
