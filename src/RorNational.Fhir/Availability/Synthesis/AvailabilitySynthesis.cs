using Microsoft.Extensions.Options;
using RorNational.Fhir.Access;
using RorNational.Fhir.Availability.Regroupements;
using RorNational.ReferenceData;

namespace RorNational.Fhir.Availability.Synthesis;

/// <summary>
/// The bed-availability synthesis as a profile may read it: the placed units of the query's
/// scope with their figures (<see cref="PlacedUnits"/>), counted per cell (département ×
/// regroupement), région, département, regroupement and for the whole scope, fresh and stale
/// apart (<see cref="AvailabilityOptions.StaleAfter"/>, or the query's freshness when shorter).
/// A unit whose capacity the profile may not read at all (P0's, P3's outside the medico-social
/// field) is counted without figures and as fresh: its freshness is capacity data too.
/// </summary>
public sealed class AvailabilitySynthesis(
    PlacedUnits placedUnits, Territory territory, RegroupementCatalogue catalogue, TimeProvider clock, IOptions<AvailabilityOptions> options)
{
    public async Task<AvailabilityGrid> GridAsync(AvailabilityQuery query, AccessProfile profile, CancellationToken cancellation)
    {
        var (now, scope, units) = await ReadAsync(query, profile, details: false, cancellation);
        var all = new Tally();
        var regions = scope.Regions.ToDictionary(r => r.Code, _ => new Tally());
        var departements = scope.Departements.ToDictionary(d => d.Code, _ => new Tally());
        var regroupements = scope.Regroupements.ToDictionary(r => r.Code, _ => new Tally());
        // A plain dictionary, sorted once at the end by ordinal comparison: a sorted one would
        // compare its tuple keys with the culture's rules at every unit.
        var cells = new Dictionary<(string Departement, string Regroupement), Tally>();
        foreach (var unit in units)
        {
            var figures = UnitView.FiguresOf(profile, unit);
            var stale = UnitView.SeesCapacity(profile, unit) && IsStale(unit, now, scope.StaleAfterHours);
            all.Add(figures, stale);
            Tally(regions, unit.Region).Add(figures, stale);
            Tally(departements, unit.Departement).Add(figures, stale);
            Tally(regroupements, unit.Regroupement).Add(figures, stale);
            if (!cells.TryGetValue((unit.Departement, unit.Regroupement), out var cell)) cells.Add((unit.Departement, unit.Regroupement), cell = new Tally());
            cell.Add(figures, stale);
        }
        return new AvailabilityGrid(now, scope,
            cells.OrderBy(c => c.Key.Departement, StringComparer.Ordinal).ThenBy(c => c.Key.Regroupement, StringComparer.Ordinal)
                .Select(c => new AvailabilityCell(c.Key.Departement, c.Key.Regroupement, c.Value.ToCount())).ToList(),
            new AvailabilityTotals(all.ToCount(), Counts(regions), Counts(departements), Counts(regroupements)));
    }

    public async Task<AvailabilityUnits> UnitsAsync(AvailabilityQuery query, AccessProfile profile, CancellationToken cancellation)
    {
        var (now, scope, units) = await ReadAsync(query, profile, details: true, cancellation);
        return new AvailabilityUnits(now, scope, units
            .OrderBy(u => u.Departement, StringComparer.Ordinal).ThenBy(u => u.Regroupement, StringComparer.Ordinal)
            .ThenBy(u => u.EGName, StringComparer.Ordinal).ThenBy(u => u.Name, StringComparer.Ordinal).ThenBy(u => u.UnitId, StringComparer.Ordinal)
            .Select(u =>
            {
                // A profile that may not read the unit's capacity gets neither its date nor its staleness.
                var lastUpdate = UnitView.SeesCapacity(profile, u) ? u.LastUpdate : null;
                return new AvailabilityUnit(
                    u.UnitId, u.LocationId, u.Name, u.EGFiness, u.EGName, UnitView.PhoneOf(profile, u),
                    u.Region, u.Departement, u.Regroupement, UnitView.FiguresOf(profile, u),
                    lastUpdate, lastUpdate is { } last ? AgeHours(now, last) : null,
                    UnitView.SeesCapacity(profile, u) && IsStale(u, now, scope.StaleAfterHours));
            })
            .ToList());
    }

    /// <summary>The units the profile sees in the query's scope, and the scope the answer states.</summary>
    private async Task<(DateTimeOffset Now, AvailabilityScope Scope, IReadOnlyList<PlacedUnit> Units)> ReadAsync(
        AvailabilityQuery query, AccessProfile profile, bool details, CancellationToken cancellation)
    {
        var units = await placedUnits.ReadAsync(query, details, cancellation);
        var now = clock.GetUtcNow();
        return (now, ScopeOf(query, profile), units.Where(u => UnitView.Sees(profile, u)).ToList());
    }

    private AvailabilityScope ScopeOf(AvailabilityQuery query, AccessProfile profile)
    {
        var staleAfter = options.Value.StaleAfter.TotalHours;
        var regionCode = query.Region ?? (query.Departement is { } d ? territory.FindDepartement(d)?.RegionCode : null);
        var regions = territory.Regions.Where(r => regionCode is null || r.Code == regionCode).Select(r => new TerritoryEntry(r.Code, r.Name)).ToList();
        var departements = territory.Departements
            .Where(d => (query.Departement is null || d.Code == query.Departement) && (regionCode is null || d.RegionCode == regionCode))
            .Select(d => new DepartementEntry(d.Code, d.Name, d.RegionCode)).ToList();
        var regroupements = catalogue.All.Where(r => query.Regroupement is null || r.Code == query.Regroupement)
            .Select(r => new RegroupementEntry(r.Code, r.Display)).ToList();
        return new AvailabilityScope(profile.Code, UnitView.FiguresSeenBy(profile), query,
            query.FreshnessHours is { } freshness ? Math.Min(freshness, staleAfter) : staleAfter, regions, departements, regroupements);
    }

    /// <summary>Stale: never supplied, or supplied longer ago than the limit.</summary>
    private static bool IsStale(PlacedUnit unit, DateTimeOffset now, double staleAfterHours) =>
        unit.LastUpdate is not { } last || (now - last).TotalHours > staleAfterHours;

    /// <summary>The age shown: in hours, to the hundredth.</summary>
    private static double AgeHours(DateTimeOffset now, DateTimeOffset last) => Math.Round((now - last).TotalHours, 2);

    private static Tally Tally(Dictionary<string, Tally> tallies, string code)
    {
        if (!tallies.TryGetValue(code, out var tally)) tallies.Add(code, tally = new Tally());
        return tally;
    }

    private static IReadOnlyDictionary<string, AvailabilityCount> Counts(Dictionary<string, Tally> tallies) =>
        tallies.ToDictionary(t => t.Key, t => t.Value.ToCount());
}
