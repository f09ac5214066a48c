namespace BenchGenerator.Catalogue;

/// <summary>
/// The capacity indicators a generated lieu holds, in the order they are given to it (a lieu
/// with n indicators holds the first n that its nature takes): each is a valid key of
/// fhir-profiles/capacity/indicators.json, with temporaryAssignement 01 (none). Key members:
/// (sub-extension url, NOS table, code).
/// </summary>
public sealed record CapacityIndicator(string Name, bool BedsOnly, params (string Url, string Table, string Code)[] Keys)
{
    private const string Status = "capacityStatus", Temporality = "temporalityCapacity";
    private const string StatusTable = "TRE_R330-TypeStatutCapacite", TemporalityTable = "TRE_R331-TemporaliteCapacite";

    public static readonly IReadOnlyList<CapacityIndicator> All =
    [
        new("installed", false, (Status, StatusTable, "01"), (Temporality, TemporalityTable, "01")),
        new("available, women", false, (Status, StatusTable, "02"), (Temporality, TemporalityTable, "01"), ("genderCapacityAvailable", "TRE_R332-GenreCapacite", "01")),
        new("available, men", false, (Status, StatusTable, "02"), (Temporality, TemporalityTable, "01"), ("genderCapacityAvailable", "TRE_R332-GenreCapacite", "02")),
        new("occupied", false, (Status, StatusTable, "03"), (Temporality, TemporalityTable, "01")),
        new("closed, réactivable", false, (Status, StatusTable, "05"), (Temporality, TemporalityTable, "01"), ("capacityClosingType", "TRE_R333-TypeFermetureCapacite", "01")),
        new("available in 24 h", false, (Status, StatusTable, "02"), (Temporality, TemporalityTable, "03")),
        new("reserved", false, (Status, StatusTable, "04"), (Temporality, TemporalityTable, "01")),
        new("supplementary, mobilised", true, (Status, StatusTable, "06"), (Temporality, TemporalityTable, "01"), ("additionalBedType", "TRE_R334-TypeLitSupplementaire", "01")),
    ];

    /// <summary>The indicators a lieu of this nature (TRE_R329: 01 lit, 02 place) may hold, in order.</summary>
    public static IReadOnlyList<CapacityIndicator> For(string nature) => nature == "01" ? All : All.Where(i => !i.BedsOnly).ToList();
}
