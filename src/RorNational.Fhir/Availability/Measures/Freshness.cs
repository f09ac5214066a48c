using RorNational.Fhir.Ror;

namespace RorNational.Fhir.Availability.Measures;

/// <summary>
/// Fresh and stale units, as the Measures state them: a unit is fresh when one of its capacity
/// records was updated in its source (capacityUpdateDate) at or after %staleLimit, the
/// report's date less the server's stale limit; otherwise (too old, or never supplied) stale.
/// </summary>
public static class Freshness
{
    public const string Code = "freshness";
    public const string Fresh = "fresh";
    public const string Stale = "stale";

    private static readonly string Recent =
        $"extension.where(url='{RorCanonical.Extensions.LocationSupportedCapacity}').extension.where(url='{CapacityCodes.UpdateDate}')" +
        ".value.ofType(dateTime).where($this >= %staleLimit).exists()";

    public static readonly string FreshExpression = $"Location.where({Recent})";
    public static readonly string StaleExpression = $"Location.where({Recent}.not())";
    public static readonly string StratumExpression = $"Location.iif({Recent}, '{Fresh}', '{Stale}')";

    public const string FreshDescription =
        "Fresh units: the last capacityUpdateDate of their capacity records is at or after %staleLimit, " +
        "the report's date less the server's stale limit (Availability:StaleAfter, 24 hours by default).";

    public const string StaleDescription =
        "Stale units: their last capacityUpdateDate is older than %staleLimit, or they never supplied capacity. " +
        "Excluded from the scores, counted apart in the stale stratum.";

    public const string StratifierDescription =
        "The units by freshness: stratum fresh (the group's measure score again) and stratum stale (the stale units, " +
        "their count and the sum of their figures, apart). The stale stratum's text states the limit applied.";
}
