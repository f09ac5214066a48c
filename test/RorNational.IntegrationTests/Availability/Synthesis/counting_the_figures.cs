using RorNational.Fhir.Availability.Synthesis;

namespace RorNational.IntegrationTests.Availability.Synthesis;

/// <summary>
/// The figures per unit, cell, département, région, regroupement and for the whole scope, read
/// by P1 (who reads everything): beds only, summed over genders, fresh and stale units apart.
/// </summary>
public sealed class counting_the_figures : AvailabilityFixture
{
    private static AvailabilityFigures F(int? available = null, int? installed = null, int? closed = null, int? reactivable = null,
        int? supplementary = null, int? forecast = null) => new(available, installed, closed, reactivable, supplementary, forecast);

    [Test]
    public async Task a_unit_sums_its_beds_over_genders_and_keeps_null_where_it_has_no_indicator()
    {
        var units = (await Units()).Units.ToDictionary(u => u.UnitId);

        Assert.That(units[ReaBourg].Figures, Is.EqualTo(F(3, 20, 2, 2, 4, 4)), "1 woman + 2 men available");
        Assert.That(units[UsicBourg].Figures, Is.EqualTo(F(1, 12, 1, null, 2, null)), "closed but not re-activable");
        Assert.That(units[UsinvBourg].Figures, Is.EqualTo(AvailabilityFigures.None), "never supplied");
        Assert.That(units[NeonatBourg].Figures, Is.EqualTo(F(2, 6)), "its 3 places available in 24 h are not beds");
        Assert.That(units[CardioNeuroLyon].Figures, Is.EqualTo(F(0, 8)), "0 available is a figure, not an absence");
        Assert.That(units[ReaBourg].LastUpdate, Is.EqualTo(At(7, 0)));
        Assert.That(units[ReaBourg].AgeHours, Is.EqualTo(1.5));
        Assert.That(units[UsinvBourg].LastUpdate, Is.Null);
    }

    [Test]
    public async Task the_totals_count_fresh_units_and_stale_units_apart()
    {
        var grid = await Grid();

        Assert.That(grid.ComputedAt, Is.EqualTo(Now));
        Assert.That(grid.Scope.Profile, Is.EqualTo("P1"));
        Assert.That(grid.Scope.StaleAfterHours, Is.EqualTo(24));
        Assert.That(grid.Totals.All.Units, Is.EqualTo(8));
        Assert.That(grid.Totals.All.Figures, Is.EqualTo(F(13, 84, 4, 2, 4, 7)));
        Assert.That(grid.Totals.All.Stale.Units, Is.EqualTo(3), "the USIC of Bourg (26 h 30), the USINV of Bourg (never), the USINV of Bastia (48 h 30)");
        Assert.That(grid.Totals.All.Stale.Figures, Is.EqualTo(F(2, 18, 1, null, 2, null)));
    }

    [Test]
    public async Task the_totals_per_region_departement_and_regroupement()
    {
        var totals = (await Grid()).Totals;

        Assert.That(totals.Regions["94"].Units, Is.EqualTo(3));
        Assert.That(totals.Regions["94"].Figures, Is.EqualTo(F(4, 36, 2, null, null, 3)));
        Assert.That(totals.Regions["94"].Stale.Units, Is.EqualTo(1));
        Assert.That(totals.Regions["84"].Figures, Is.EqualTo(F(9, 48, 2, 2, 4, 4)));
        Assert.That(totals.Regions["53"].Units, Is.Zero, "a région of the scope without units is listed, empty");
        Assert.That(totals.Departements["2A"].Figures, Is.EqualTo(F(3, 24, null, null, null, 2)));
        Assert.That(totals.Departements["2B"].Figures, Is.EqualTo(F(1, 12, 2, null, null, 1)));
        Assert.That(totals.Departements["2B"].Stale.Figures, Is.EqualTo(F(1, 6)));
        Assert.That(totals.Regroupements["rea-adulte"].Units, Is.EqualTo(3));
        Assert.That(totals.Regroupements["rea-adulte"].Figures, Is.EqualTo(F(5, 48, 4, 2, 4, 7)));
        Assert.That(totals.Regroupements["usic"].Figures, Is.EqualTo(F(2, 16)));
        Assert.That(totals.Regroupements["usic"].Stale.Units, Is.EqualTo(1));
        Assert.That(totals.Regroupements["grands-brules"].Units + totals.Regroupements["grands-brules"].Stale.Units, Is.Zero);
    }

    [Test]
    public async Task a_cell_exists_where_a_regroupement_has_units_in_a_departement()
    {
        var grid = await Grid();
        var cells = grid.Cells.ToDictionary(c => (c.Departement, c.Regroupement), c => c.Count);

        Assert.That(cells.Keys, Is.EquivalentTo(new[]
        {
            ("01", "rea-adulte"), ("01", "usic"), ("01", "usinv"), ("01", "rea-neonatale"),
            ("2A", "rea-adulte"), ("2A", "usic"), ("2B", "rea-adulte"), ("2B", "usinv"),
            ("69", "autres-soins-intensifs"), ("69", "rea-pediatrique"), ("69", "usic"),
        }));
        Assert.That(cells[("01", "rea-adulte")].Figures, Is.EqualTo(F(3, 20, 2, 2, 4, 4)));
        Assert.That(cells[("01", "usinv")], Is.EqualTo(new AvailabilityCount(0, AvailabilityFigures.None, new StaleCount(1, AvailabilityFigures.None))));
        Assert.That(grid.Scope.Departements.Select(d => d.Code), Does.Contain("2A").And.Contain("971").And.Contain("976"), "every département, overseas included");
        Assert.That(grid.Scope.Regroupements.Select(r => r.Code), Is.EqualTo(RorNational.Fhir.Availability.Regroupements.RegroupementCatalogue.Default.All.Select(r => r.Code)));
    }

    [Test]
    public async Task a_filter_narrows_the_units_counted_and_the_scope()
    {
        var corsica = await Grid("?region=94");
        Assert.That(corsica.Totals.All.Figures, Is.EqualTo(F(4, 36, 2, null, null, 3)));
        Assert.That(corsica.Scope.Departements.Select(d => d.Code), Is.EqualTo(new[] { "2A", "2B" }));
        Assert.That(corsica.Scope.Regions.Select(r => r.Code), Is.EqualTo(new[] { "94" }));

        var ain = await Grid("?departement=01&regroupement=rea-adulte");
        Assert.That(ain.Cells.Select(c => (c.Departement, c.Regroupement)), Is.EqualTo(new[] { ("01", "rea-adulte") }));
        Assert.That(ain.Totals.All.Figures, Is.EqualTo(F(3, 20, 2, 2, 4, 4)));
        Assert.That(ain.Scope.Regions.Select(r => r.Code), Is.EqualTo(new[] { "84" }), "the région of the département");

        var units = await Units("?departement=2a");
        Assert.That(units.Units.Select(u => u.UnitId), Is.EqualTo(new[] { ReaAjaccio, UsicAjaccio }), "codes read in any case");
        Assert.That(units.Scope.Filter.Departement, Is.EqualTo("2A"));
    }

    [Test]
    public async Task the_json_names_its_members_and_figures_in_camel_case()
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(await Client.GetStringAsync("/api/availability?departement=01"))!;

        Assert.That(body["scope"]!["figures"]!.AsArray().Select(f => f!.GetValue<string>()),
            Is.EqualTo(new[] { "available", "installed", "closed", "closedReactivable", "supplementary", "forecast24h" }));
        Assert.That(body["totals"]!["all"]!["figures"]!["forecast24h"]!.GetValue<int>(), Is.EqualTo(4));
        Assert.That(body["totals"]!["departements"]!["01"]!["stale"]!["units"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(body["cells"]![0]!["count"]!["units"], Is.Not.Null);
    }
}
