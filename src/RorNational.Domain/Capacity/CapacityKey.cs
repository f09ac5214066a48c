namespace RorNational.Domain.Capacity;

/// <summary>
/// What tells one capacity indicator of a lieu from another, as the national protocol keys
/// them: capacity status (TRE_R330), temporality (TRE_R331), gender (TRE_R332), closing type
/// (TRE_R333), additional bed type (TRE_R334), crisis type (TRE_R336) and temporary assignment
/// (TRE_R337). A null member is "absent", and matches only an indicator where it is absent,
/// never "any": a replace of the indicator without gender leaves the women's one alone.
/// Codes only; their systems are implied by the member.
/// </summary>
public sealed record CapacityKey(
    string Status,
    string Temporality,
    string? Gender,
    string? ClosingType,
    string? AdditionalBedType,
    string? CrisisType,
    string TemporaryAssignment)
{
    /// <summary>As the national protocol's diagnostics print a key: "capacityStatus: 02 / temporalityCapacity: 01 / genderCapacityAvailable: null / …".</summary>
    public override string ToString() =>
        $"capacityStatus: {Status} / temporalityCapacity: {Temporality} / genderCapacityAvailable: {Gender ?? "null"} / " +
        $"capacityClosingType: {ClosingType ?? "null"} / additionalBedType: {AdditionalBedType ?? "null"} / " +
        $"crisisType: {CrisisType ?? "null"} / temporaryAssignement: {TemporaryAssignment}";
}
