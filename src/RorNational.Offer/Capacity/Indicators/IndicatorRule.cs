using RorNational.Domain.Capacity;

namespace RorNational.Offer.Capacity.Indicators;

/// <summary>
/// The indicators of one capacity status (TRE_R330) a supplier may write: the codes each other
/// member of the key may take (null: absent) and the natures (TRE_R329) they accept.
/// </summary>
public sealed record IndicatorRule(
    string Name,
    string Status,
    IReadOnlySet<string?> Temporalities,
    IReadOnlySet<string?> Genders,
    IReadOnlySet<string?> ClosingTypes,
    IReadOnlySet<string?> AdditionalBedTypes,
    IReadOnlySet<string?> CrisisTypes,
    IReadOnlySet<string?> TemporaryAssignments,
    IReadOnlySet<string> CapacityTypes)
{
    public bool Admits(CapacityKey key) =>
        key.Status == Status
        && Temporalities.Contains(key.Temporality)
        && Genders.Contains(key.Gender)
        && ClosingTypes.Contains(key.ClosingType)
        && AdditionalBedTypes.Contains(key.AdditionalBedType)
        && CrisisTypes.Contains(key.CrisisType)
        && TemporaryAssignments.Contains(key.TemporaryAssignment);
}
