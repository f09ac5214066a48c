namespace RorNational.ReferenceData.Tests;

public sealed class postal_codes
{
    private static Territory France => Territory.Default;

    [Test]
    public void a_commune_lists_its_postal_codes()
    {
        Assert.That(France.FindCommune("35238")?.PostalCodes, Is.EquivalentTo(new[] { "35000", "35200", "35700" }));
    }

    [Test]
    public void a_postal_code_gives_the_communes_it_serves()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(France.CommunesOfPostalCode("01000").Select(c => c.Cog), Does.Contain("01053"));
            Assert.That(France.CommunesOfPostalCode("20000").Select(c => c.Cog), Is.EqualTo(new[] { "2A004" }));
            Assert.That(France.CommunesOfPostalCode("97110").Select(c => c.Cog), Does.Contain("97120"));
            Assert.That(France.CommunesOfPostalCode("00000"), Is.Empty);
        }
    }

    [Test]
    public void a_paris_postal_code_gives_paris_not_its_arrondissement()
    {
        Assert.That(France.CommunesOfPostalCode("75015").Select(c => c.Cog), Is.EqualTo(new[] { "75056" }));
    }

    [Test]
    public void a_postal_code_gives_its_departements()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(France.DepartementsOfPostalCode("35000"), Is.EqualTo(new[] { "35" }));
            Assert.That(France.DepartementsOfPostalCode("20000"), Is.EqualTo(new[] { "2A" }));
            Assert.That(France.DepartementsOfPostalCode("97133"), Is.EqualTo(new[] { "977" }));
            Assert.That(France.DepartementsOfPostalCode("01200"), Is.EqualTo(new[] { "01", "74" })); // Valserhône and a Haute-Savoie neighbour
            Assert.That(France.DepartementsOfPostalCode("00000"), Is.Empty);
        }
    }

    [Test]
    public void the_lists_handed_out_cannot_be_changed()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(France.FindCommune("35238")!.PostalCodes, Is.Not.InstanceOf<string[]>());
            Assert.That(France.CommunesOfPostalCode("35000"), Is.Not.InstanceOf<Commune[]>());
            Assert.That(France.Communes, Is.Not.InstanceOf<Commune[]>());
        }
    }
}
