namespace RorNational.Fhir.Availability.Synthesis;

/// <summary>
/// The drill-down of the synthesis (GET /api/availability/units): the units in scope, each a
/// lieu de réalisation with the establishment it belongs to.
/// </summary>
public sealed record AvailabilityUnits(DateTimeOffset ComputedAt, AvailabilityScope Scope, IReadOnlyList<AvailabilityUnit> Units);

/// <summary>
/// One unit: its lieu (unit id "FINESS-lieu", the FHIR id of its Location, its name), its
/// establishment (EG FINESS and name), the phone the caller's profile may read (null
/// otherwise), where it counts, its figures, the last capacityUpdateDate of its indicators
/// (null: never supplied), that date's age in hours at <see cref="AvailabilityUnits.ComputedAt"/>,
/// and whether it is stale.
/// </summary>
public sealed record AvailabilityUnit(
    string UnitId,
    string LocationId,
    string Name,
    string EGFiness,
    string EGName,
    string? Phone,
    string Region,
    string Departement,
    string Regroupement,
    AvailabilityFigures Figures,
    DateTimeOffset? LastUpdate,
    double? AgeHours,
    bool Stale);
