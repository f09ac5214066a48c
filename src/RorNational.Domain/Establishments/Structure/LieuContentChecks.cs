using System.Text.RegularExpressions;
using RorNational.Domain.Common;

namespace RorNational.Domain.Establishments.Structure;

/// <summary>
/// The bounds of what a lieu holds beyond its address: status, description, aliases, telecoms,
/// equipment with its limits and residential capacity, every code in the value set its FHIR
/// rendering binds it to. Each problem is named by its JSON path in the lieu.
/// </summary>
public static partial class LieuContentChecks
{
    public const int MaxDescriptionLength = 2000;
    public const int MaxCount = 100_000;
    public const decimal MaxLimitValue = 1_000_000m;

    /// <summary>A UCUM unit of a limit, as the limits are measured: a weight (kg, g) or a length (cm, m, mm).</summary>
    [GeneratedRegex("^(kg|g|cm|m|mm)$")]
    private static partial Regex LimitUnit();

    public static IReadOnlyList<Problem> Of(LieuDescription lieu, Terminology terminology) => new FieldChecks()
        .Code(lieu.OperationalStatus, "operationalStatus", DescriptionValueSets.StatutLieu, terminology)
        .Optional(lieu.Description, "description", MaxDescriptionLength)
        .Each(lieu.Aliases, "aliases", alias => new FieldChecks().Required(alias, "").Problems.Select(Unnamed).ToList())
        .Each(lieu.Telecoms, "telecoms", telecom => UOContentChecks.TelecomProblems(telecom, terminology))
        .Each(lieu.Equipments, "equipments", equipment => EquipmentProblems(equipment, terminology))
        .Each(lieu.ResidentialCapacities, "residentialCapacities", capacity => ResidentialProblems(capacity, terminology))
        .Problems;

    private static IReadOnlyList<Problem> EquipmentProblems(Equipment equipment, Terminology terminology)
    {
        var checks = new FieldChecks()
            .RequiredCode(equipment.Type, "type", DescriptionValueSets.EquipementSpecifique, terminology)
            .Each(equipment.Limits, "limits", limit => LimitProblems(limit, terminology));
        if (equipment.InService is < 0 or > MaxCount) checks.Wrong("inService", $"must be 0 to {MaxCount}");
        if (equipment.Limits is { } limits && limits.Where(l => l is not null).GroupBy(l => l.Feature).Any(g => g.Count() > 1))
            checks.Wrong("limits", "must hold one limit per feature (TRE_R340)");
        return checks.Problems;
    }

    private static IReadOnlyList<Problem> LimitProblems(EquipmentLimit limit, Terminology terminology)
    {
        var checks = new FieldChecks()
            .RequiredCode(limit.Feature, "feature", DescriptionValueSets.TypeCaracteristiqueEquipement, terminology)
            .Matches(limit.Unit, LimitUnit(), "unit", "must be a UCUM unit of weight or length: kg, g, cm, m or mm");
        if (limit.Unit is null) checks.Missing("unit");
        if (limit.Value is <= 0 or > MaxLimitValue) checks.Wrong("value", $"must be above 0 and at most {MaxLimitValue}");
        return checks.Problems;
    }

    private static IReadOnlyList<Problem> ResidentialProblems(ResidentialCapacity capacity, Terminology terminology)
    {
        var checks = new FieldChecks().RequiredCode(capacity.Type, "type", DescriptionValueSets.TypeHabitation, terminology);
        if (capacity.Number is < 0 or > MaxCount) checks.Wrong("number", $"must be 0 to {MaxCount}");
        return checks.Problems;
    }

    private static Problem Unnamed(Problem problem) => problem with { Field = null };
}
