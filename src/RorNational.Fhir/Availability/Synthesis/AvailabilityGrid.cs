namespace RorNational.Fhir.Availability.Synthesis;

/// <summary>
/// The synthesis as a caller may read it (GET /api/availability): one cell per département
/// and regroupement that has at least one unit the caller may see (no cell: the regroupement
/// does not exist there), and totals per région, département, regroupement and for the whole
/// scope. Fresh and stale units are counted apart, never together.
/// </summary>
public sealed record AvailabilityGrid(
    DateTimeOffset ComputedAt,
    AvailabilityScope Scope,
    IReadOnlyList<AvailabilityCell> Cells,
    AvailabilityTotals Totals);

/// <summary>
/// What every answer of the synthesis states first: when it was computed, for which profile
/// (its code, P0..P5), which figures that profile may read, the filter applied, the
/// age past which a unit is stale, and the régions, départements and regroupements in scope
/// (all of them, with or without units, so that a grid can show its grey cells).
/// </summary>
public sealed record AvailabilityScope(
    string Profile,
    IReadOnlyList<AvailabilityFigure> Figures,
    AvailabilityQuery Filter,
    double StaleAfterHours,
    IReadOnlyList<TerritoryEntry> Regions,
    IReadOnlyList<DepartementEntry> Departements,
    IReadOnlyList<RegroupementEntry> Regroupements);

public sealed record TerritoryEntry(string Code, string Name);
public sealed record DepartementEntry(string Code, string Name, string Region);
public sealed record RegroupementEntry(string Code, string Display);

/// <summary>Units counted in a cell or total: the fresh ones with their figures, and apart the stale ones (too old, or never updated) with theirs.</summary>
public sealed record AvailabilityCount(int Units, AvailabilityFigures Figures, StaleCount Stale);

public sealed record StaleCount(int Units, AvailabilityFigures Figures);

public sealed record AvailabilityCell(string Departement, string Regroupement, AvailabilityCount Count);

public sealed record AvailabilityTotals(
    AvailabilityCount All,
    IReadOnlyDictionary<string, AvailabilityCount> Regions,
    IReadOnlyDictionary<string, AvailabilityCount> Departements,
    IReadOnlyDictionary<string, AvailabilityCount> Regroupements);
