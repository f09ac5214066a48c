namespace RorNational.IntegrationTests.Availability.Synthesis;

/// <summary>Each kind of critical-care unit lands in its regroupement, département and région (regroupements.json, first match wins).</summary>
public sealed class placing_units_in_regroupements : AvailabilityFixture
{
    [Test]
    public async Task each_kind_of_unit_lands_in_its_regroupement_and_territory()
    {
        var units = (await Units()).Units.ToDictionary(u => u.UnitId, u => (u.Regroupement, u.Departement, u.Region));

        Assert.That(units, Is.EquivalentTo(new Dictionary<string, (string, string, string)>
        {
            [ReaBourg] = ("rea-adulte", "01", "84"),
            [UsicBourg] = ("usic", "01", "84"),
            [UsinvBourg] = ("usinv", "01", "84"),
            [NeonatBourg] = ("rea-neonatale", "01", "84"),
            [ReaAjaccio] = ("rea-adulte", "2A", "94"),
            [UsicAjaccio] = ("usic", "2A", "94"),
            [ReaBastia] = ("rea-adulte", "2B", "94"),
            [UsinvBastia] = ("usinv", "2B", "94"),
            [SensitiveLyon] = ("autres-soins-intensifs", "69", "84"),
            [PediatricLyon] = ("rea-pediatrique", "69", "84"),
            [CardioNeuroLyon] = ("usic", "69", "84"),
        }), "the gynaecology, consultation, day-care and EHPAD lieux have no regroupement");
    }

    [Test]
    public async Task a_unit_carries_its_location_establishment_and_names()
    {
        var rea = await UnitOf(ReaBourg);

        Assert.That(rea.LocationId, Is.EqualTo(Unit(ReaBourg)));
        Assert.That(rea.EGFiness, Is.EqualTo("010000024"));
        Assert.That(rea.EGName, Is.Not.Empty);
        Assert.That(rea.Name, Is.EqualTo("Réanimation polyvalente, bâtiment B, 1er étage"));
        Assert.That(rea.Phone, Is.EqualTo("0474454210"), "the UO's level-2 phone, read by P1");
    }
}
