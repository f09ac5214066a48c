using RorNational.Fhir.Ror;
using C = RorNational.Fhir.Ror.CapacityCodes;

namespace RorNational.Fhir.Search.Querying;

/// <summary>
/// Capacity criteria that hold on one and the same indicator of a Location (one
/// ror-location-supported-capacity extension), as the guide's ST4 scenarios read
/// "capacity-status=02&amp;nb-capacity=gt0": the Location has an available indicator whose count
/// is above zero, not an available one and another above zero. Compiled into one lookup of the
/// capacity index, one row per indicator (CriterionSql.Capacity).
/// </summary>
public sealed record SameIndicator(IReadOnlyList<ParameterCriterion> Criteria) : Criterion
{
    /// <summary>The guide's capacity parameters of Location: the column of the capacity index each searches, and its code system.</summary>
    public static readonly IReadOnlyDictionary<string, (string Column, string? System, bool AlwaysPresent)> Parameters =
        new Dictionary<string, (string, string?, bool)>
        {
            ["capacity-type"] = ("capacity_type", C.SystemOf(C.CapacityType), true),
            ["capacity-status"] = ("status", C.SystemOf(C.CapacityStatus), true),
            ["temporality-capacity"] = ("temporality", C.SystemOf(C.Temporality), true),
            ["gender-capacity-available"] = ("gender", C.SystemOf(C.Gender), false),
            ["capacity-closing-type"] = ("closing_type", C.SystemOf(C.ClosingType), false),
            ["additional-bed-type"] = ("additional_bed_type", C.SystemOf(C.AdditionalBedType), false),
            ["crisis-type"] = ("crisis_type", C.SystemOf(C.CrisisType), false),
            ["temporary-assignement"] = ("temporary_assignment", C.SystemOf(C.TemporaryAssignment), true),
            ["nb-capacity"] = ("nb_capacity", null, true),
            ["capacity-update-date"] = ("update_low", null, true),
        };

    public static bool IsCapacity(Criterion criterion, string resourceType) =>
        resourceType == "Location" && criterion is ParameterCriterion p && Parameters.ContainsKey(p.Parameter.Code);

    /// <summary>
    /// The criteria of a conjunction (the parameters of a search, an "and" of _filter) with its
    /// capacity criteria gathered into one <see cref="SameIndicator"/>, and the capacity criteria
    /// chained through one reference to Location (location.capacity-status, location.nb-capacity)
    /// into one chain on one indicator. Other criteria stay as they are, but for the equipment
    /// criteria, gathered the same way on one equipment (<see cref="SameEquipment"/>), and the
    /// price criteria on one price (<see cref="SamePrice"/>).
    /// </summary>
    public static IReadOnlyList<Criterion> Grouped(IReadOnlyList<Criterion> criteria, string resourceType)
    {
        criteria = SamePrice.Grouped(SameEquipment.Grouped(criteria, resourceType), resourceType);
        var capacity = criteria.Where(c => IsCapacity(c, resourceType)).Cast<ParameterCriterion>().ToList();
        var chained = criteria.OfType<ChainCriterion>().Where(IsChainedCapacity).ToList();
        if (capacity.Count == 0 && chained.Count == 0) return criteria;
        var grouped = criteria.Where(c => !IsCapacity(c, resourceType) && !(c is ChainCriterion chain && IsChainedCapacity(chain))).ToList();
        if (capacity.Count > 0) grouped.Add(new SameIndicator(capacity));
        foreach (var through in chained.GroupBy(c => c.Reference.Code))
            grouped.Add(new ChainCriterion(through.First().Reference, "Location",
                new SameIndicator(through.SelectMany(c => c.Target is SameIndicator same ? same.Criteria : [(ParameterCriterion)c.Target]).ToList()),
                Hierarchy: false));
        return grouped;
    }

    private static bool IsChainedCapacity(ChainCriterion chain) =>
        chain is { TargetType: "Location", Hierarchy: false } && (chain.Target is SameIndicator || IsCapacity(chain.Target, "Location"));
}
