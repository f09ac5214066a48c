// Reads FHIR elements the assertions check anyway: nullable analysis adds nothing here.
#nullable disable
using Hl7.Fhir.Model;
using RorNational.Fhir;
using RorNational.Fhir.Availability.Measures;
using RorNational.Fhir.Availability.Regroupements;
using RorNational.Fhir.Availability.Synthesis;

namespace RorNational.IntegrationTests.Availability.Measures;

/// <summary>
/// The MeasureReports of a grid, a pure function of the synthesis' records: no host, no
/// database. Each report is written, then read back with the project's strict FHIR parser.
/// </summary>
public sealed class rendering_measure_reports
{
    private static readonly DateTimeOffset ComputedAt = new(2026, 3, 2, 8, 30, 0, TimeSpan.Zero);
    private static readonly Regroupement ReaAdulte = RegroupementCatalogue.Default.Find("rea-adulte")!;

    private static AvailabilityGrid Grid(IReadOnlyList<AvailabilityFigure> figures, AvailabilityFigures fresh, AvailabilityFigures stale)
    {
        var count = new AvailabilityCount(2, fresh, new StaleCount(1, stale));
        var empty = new AvailabilityCount(0, AvailabilityFigures.None, new StaleCount(0, AvailabilityFigures.None));
        var scope = new AvailabilityScope("P1", figures, new AvailabilityQuery(null, null, "rea-adulte", null), 24,
            [new TerritoryEntry("84", "Auvergne-Rhône-Alpes"), new TerritoryEntry("53", "Bretagne")],
            [new DepartementEntry("01", "Ain", "84"), new DepartementEntry("35", "Ille-et-Vilaine", "53")],
            [new RegroupementEntry("rea-adulte", "Réanimation adulte")]);
        return new AvailabilityGrid(ComputedAt, scope, [new AvailabilityCell("01", "rea-adulte", count)],
            new AvailabilityTotals(count,
                new Dictionary<string, AvailabilityCount> { ["84"] = count, ["53"] = empty },
                new Dictionary<string, AvailabilityCount> { ["01"] = count, ["35"] = empty },
                new Dictionary<string, AvailabilityCount> { ["rea-adulte"] = count }));
    }

    private static MeasureReport ReadBack(AvailabilityReport report) => FhirJson.Parse<MeasureReport>(FhirJson.Serialize(report.Resource));

    [Test]
    public void a_grid_gives_the_national_report_and_one_per_territory_with_units()
    {
        var grid = Grid(Enum.GetValues<AvailabilityFigure>(), new AvailabilityFigures(3, 20, 2, 1, 4, 5), new AvailabilityFigures(1, 4, null, null, null, 0));

        var reports = AvailabilityReports.Of(ReaAdulte, grid).ToList();

        Assert.That(reports.Select(r => r.Id), Is.EqualTo(new[] { "national-rea-adulte", "region-84-rea-adulte", "departement-01-rea-adulte" }),
            "Bretagne and Ille-et-Vilaine have no unit of the regroupement: no report, as the grid has no cell there");
        var departement = ReadBack(reports[2]);
        Assert.That(departement.Status, Is.EqualTo(MeasureReport.MeasureReportStatus.Complete));
        Assert.That(departement.Type, Is.EqualTo(MeasureReport.MeasureReportType.Summary));
        Assert.That(departement.Measure, Is.EqualTo("urn:ror-national:measure:rea-adulte"));
        Assert.That(departement.Subject!.Identifier.System, Is.EqualTo(ReportTerritory.DepartementSystem));
        Assert.That(departement.Subject.Identifier.Value, Is.EqualTo("01"));
        Assert.That(departement.Subject.Type, Is.EqualTo("Location"));
        Assert.That(departement.Date, Is.EqualTo("2026-03-02T08:30:00.000Z"));
        Assert.That(departement.Period.Start, Is.EqualTo(departement.Date));
        Assert.That(departement.Meta.LastUpdated, Is.EqualTo(ComputedAt), "computed, never stored: as recent as its date");
        Assert.That(departement.Identifier.Single().Value, Is.EqualTo("departement-01-rea-adulte"));
        Assert.That(departement.Meta.Profile, Is.EqualTo(new[] { "https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-measurereport" }));
        Assert.That(ReadBack(reports[1]).Subject!.Identifier.System, Is.EqualTo("https://mos.esante.gouv.fr/NOS/TRE_R30-RegionOM/FHIR/TRE-R30-RegionOM"));
        Assert.That(ReadBack(reports[0]).Subject!.Identifier.Value, Is.EqualTo("FR"));
    }

    [Test]
    public void each_group_has_the_populations_the_fresh_score_and_the_stale_units_apart()
    {
        var grid = Grid(Enum.GetValues<AvailabilityFigure>(), new AvailabilityFigures(3, 20, 2, 1, 4, 5), new AvailabilityFigures(1, 4, null, null, null, 0));

        var report = ReadBack(AvailabilityReports.Of(ReaAdulte, grid).First());

        Assert.That(report.Group.Select(g => g.Code.Coding.Single().Code),
            Is.EqualTo(new[] { "units", "available", "installed", "closed", "closedReactivable", "supplementary", "forecast24h" }));
        var available = report.Group.Single(g => g.Code.Coding.Single().Code == "available");
        Assert.That(available.Population.Select(p => (p.Code.Coding.Single().Code, p.Count)), Is.EqualTo(new[]
        {
            ("initial-population", (int?)3), ("measure-population", 2), ("measure-population-exclusion", 1),
        }));
        Assert.That(available.MeasureScore.Value, Is.EqualTo(3m));
        Assert.That(available.MeasureScore.Code, Is.EqualTo("{beds}"));
        Assert.That(available.MeasureScore.System, Is.EqualTo("http://unitsofmeasure.org"));
        var strata = available.Stratifier.Single().Stratum;
        Assert.That(strata.Select(s => (s.Value.Coding.Single().Code, s.MeasureScore.Value, s.Population.Single().Count)),
            Is.EqualTo(new[] { ("fresh", (decimal?)3m, (int?)2), ("stale", 1m, 1) }));
        Assert.That(strata[1].Value.Text, Is.EqualTo("not updated for 24 h, or never supplied"));
        var units = report.Group.First();
        Assert.That(units.MeasureScore.Value, Is.EqualTo(2m));
        Assert.That(units.MeasureScore.Code, Is.EqualTo("{units}"));

        // No unit has a closed bed: the score is absent, and says why.
        var closedStale = report.Group.Single(g => g.Code.Coding.Single().Code == "closed").Stratifier.Single().Stratum[1].MeasureScore;
        Assert.That(closedStale.Value, Is.Null);
        Assert.That(closedStale.GetExtensionValue<Code>("http://hl7.org/fhir/StructureDefinition/data-absent-reason").Value, Is.EqualTo("unknown"));
    }

    [Test]
    public void a_profile_reads_only_the_groups_of_the_figures_it_may_read()
    {
        var none = Grid([], AvailabilityFigures.None, AvailabilityFigures.None);
        var withoutSupplementary = Grid([AvailabilityFigure.Available, AvailabilityFigure.Installed, AvailabilityFigure.Forecast24h],
            new AvailabilityFigures(3, 20, null, null, null, 5), AvailabilityFigures.None);

        var publicReport = ReadBack(AvailabilityReports.Of(ReaAdulte, none).First());
        var professionalReport = ReadBack(AvailabilityReports.Of(ReaAdulte, withoutSupplementary).First());

        Assert.That(publicReport.Group.Select(g => g.Code.Coding.Single().Code), Is.EqualTo(new[] { "units" }),
            "P0: the units (public structure) and no figure");
        Assert.That(professionalReport.Group.Select(g => g.Code.Coding.Single().Code), Is.EqualTo(new[] { "units", "available", "installed", "forecast24h" }));
    }
}
