namespace RorNational.Domain.Capacity;

/// <summary>
/// One capacity record of a lieu (an "indicateur"): how many beds or places
/// (<see cref="CapacityType"/>, TRE_R329: 01 lit, 02 place) are in the state its
/// <see cref="Key"/> says, as the supplier's source knew it at <see cref="SourceDate"/>
/// (capacityUpdateDate). <see cref="SourceType"/> is TRE_R335 (manual entry, bed management...).
/// </summary>
public sealed record CapacityIndicator(
    CapacityKey Key,
    string CapacityType,
    int Count,
    string SourceType,
    DateTimeOffset SourceDate)
{
    public string? Comment { get; init; }
}
