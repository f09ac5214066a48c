using RorNational.Fhir.Access;
using RorNational.Fhir.Availability.Regroupements;
using RorNational.Fhir.Availability.Synthesis;

namespace RorNational.Fhir.Availability.Measures;

/// <summary>
/// The MeasureReports of the regroupements asked, computed now from the synthesis as the
/// caller's profile may read it; never stored. For each regroupement, one grid of the synthesis
/// (filtered on that regroupement) gives the national report (its total), a report per région
/// and per département that has at least one unit of it the caller may see (as the grid has a
/// cell only where the regroupement exists). The national report is always there.
/// </summary>
public sealed class AvailabilityReports(AvailabilitySynthesis synthesis, RegroupementCatalogue catalogue)
{
    public async Task<IReadOnlyList<AvailabilityReport>> ComputeAsync(IReadOnlySet<string>? regroupements, AccessProfile profile, CancellationToken cancellation)
    {
        var reports = new List<AvailabilityReport>();
        foreach (var regroupement in catalogue.All.Where(r => regroupements is null || regroupements.Contains(r.Code)))
        {
            var grid = await synthesis.GridAsync(new AvailabilityQuery(null, null, regroupement.Code, null), profile, cancellation);
            reports.AddRange(Of(regroupement, grid));
        }
        return reports;
    }

    /// <summary>The reports of one regroupement from its grid: a pure function of the synthesis' records.</summary>
    public static IEnumerable<AvailabilityReport> Of(Regroupement regroupement, AvailabilityGrid grid)
    {
        var territories = new List<(ReportTerritory Territory, AvailabilityCount? Count)> { (ReportTerritory.France, grid.Totals.All) };
        territories.AddRange(grid.Scope.Regions.Select(region => (
            new ReportTerritory(TerritoryLevel.Region, region.Code, region.Name), grid.Totals.Regions.GetValueOrDefault(region.Code))));
        territories.AddRange(grid.Scope.Departements.Select(departement => (
            new ReportTerritory(TerritoryLevel.Departement, departement.Code, departement.Name), grid.Totals.Departements.GetValueOrDefault(departement.Code))));
        foreach (var (territory, count) in territories)
        {
            if (count is null || (territory.Level != TerritoryLevel.National && count.Units + count.Stale.Units == 0)) continue;
            var report = MeasureReportRendering.Render(regroupement, territory, count, grid.Scope.Figures, grid.ComputedAt, grid.Scope.StaleAfterHours);
            yield return new AvailabilityReport(regroupement.Code, territory, grid.ComputedAt, report);
        }
    }
}
