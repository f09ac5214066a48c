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

    /// <summary>
    /// The order of a lieu's indicators: that of their printed keys (<see cref="ToString"/>) compared
    /// ordinally, without printing them (a fold of a capacity stream compares keys at every event).
    /// The printed keys share their text but for the members, each followed by " / " or the end:
    /// when no member holds a character up to '/' (codes are digits and letters), comparing the
    /// members in turn, an absent one as "null", gives the same order, a member that is a prefix of
    /// the other's first as the shorter string does. Other members are compared printed.
    /// </summary>
    public static int Compare(CapacityKey a, CapacityKey b)
    {
        if (!a.IsPlain() || !b.IsPlain()) return string.CompareOrdinal(a.ToString(), b.ToString());
        // A required member absent (a key read from stored JSON) prints as nothing.
        var order = string.CompareOrdinal(a.Status ?? "", b.Status ?? "");
        if (order == 0) order = string.CompareOrdinal(a.Temporality ?? "", b.Temporality ?? "");
        if (order == 0) order = string.CompareOrdinal(a.Gender ?? Absent, b.Gender ?? Absent);
        if (order == 0) order = string.CompareOrdinal(a.ClosingType ?? Absent, b.ClosingType ?? Absent);
        if (order == 0) order = string.CompareOrdinal(a.AdditionalBedType ?? Absent, b.AdditionalBedType ?? Absent);
        if (order == 0) order = string.CompareOrdinal(a.CrisisType ?? Absent, b.CrisisType ?? Absent);
        if (order == 0) order = string.CompareOrdinal(a.TemporaryAssignment ?? "", b.TemporaryAssignment ?? "");
        return order;
    }

    private const string Absent = "null";

    private bool IsPlain() =>
        Plain(Status) && Plain(Temporality) && Plain(Gender) && Plain(ClosingType) && Plain(AdditionalBedType) && Plain(CrisisType) && Plain(TemporaryAssignment);

    private static bool Plain(string? member) => member is null || !member.AsSpan().ContainsAnyInRange('\0', '/');
}
