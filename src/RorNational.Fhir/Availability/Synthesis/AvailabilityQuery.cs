namespace RorNational.Fhir.Availability.Synthesis;

/// <summary>
/// What a caller asks of the synthesis: a région (INSEE code, TRE_R30), a département (INSEE
/// code: 01..95, 2A, 2B, 971..976), a regroupement code, and a freshness in hours (only the
/// units whose last capacityUpdateDate is that recent count; the others are counted apart as
/// stale). Each is optional; unknown codes are refused by <see cref="AvailabilityQueryReader"/>.
/// </summary>
public sealed record AvailabilityQuery(string? Region, string? Departement, string? Regroupement, double? FreshnessHours)
{
    public static readonly AvailabilityQuery Everything = new(null, null, null, null);
}
