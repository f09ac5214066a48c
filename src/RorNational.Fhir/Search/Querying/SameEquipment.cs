using RorNational.Fhir.Ror;

namespace RorNational.Fhir.Search.Querying;

/// <summary>
/// Equipment criteria that hold on one and the same equipment of a Location (one
/// ror-location-equipment extension) and on one of its limits, as the guide's ST4 scenario reads
/// "equipment-type=088&amp;equipment-feature=001&amp;limit-value=ge200|…|kg": the Location has a
/// bariatric operating table whose maximum weight is at least 200 kg, not such a table and
/// another equipment's limit of 200 kg. Compiled into lookups of the equipment index, one
/// row per limit (CriterionSql.Equipment), as capacity criteria are (<see cref="SameIndicator"/>).
/// Several limits of one equipment may be required together (<see cref="LimitValues"/>):
/// "equipment-feature=001&amp;limit-value=ge200|…|kg&amp;equipment-feature=002&amp;limit-value=ge70|…|cm"
/// is an MRI holding 200 kg and 70 cm wide.
/// </summary>
public sealed record SameEquipment(IReadOnlyList<ParameterCriterion> Criteria) : Criterion
{
    /// <summary>The guide's equipment parameters of Location: the column of the equipment index each searches, and its code system.</summary>
    public static readonly IReadOnlyDictionary<string, (string Column, string? System)> Parameters =
        new Dictionary<string, (string, string?)>
        {
            ["equipment-type"] = ("equipment_type", RorCanonical.Terminologies.Equipement),
            ["equipment-feature"] = ("feature", RorCanonical.Terminologies.TypeCaracteristiqueEquipement),
            ["limit-value"] = ("value", null),
        };

    /// <summary>The equipment's own criteria (its type), which hold on every row of the equipment.</summary>
    public IReadOnlyList<ParameterCriterion> OfEquipment => Of("equipment-type");

    /// <summary>The criteria on the feature of a limit: each holds on a limit of the equipment.</summary>
    public IReadOnlyList<ParameterCriterion> Features => Of("equipment-feature");

    /// <summary>
    /// The criteria on the value of a limit. With one feature criterion or none, they hold on
    /// one limit (with that feature): an equipment has one limit per feature. With several, each
    /// holds on a limit whose feature one of them asks for, so that the search's order does not
    /// matter: "ge200|…|kg" is then the weight limit, since only a weight is counted in kg.
    /// </summary>
    public IReadOnlyList<ParameterCriterion> LimitValues => Of("limit-value");

    private List<ParameterCriterion> Of(string code) => Criteria.Where(c => c.Parameter.Code == code).ToList();

    public static bool IsEquipment(Criterion criterion, string resourceType) =>
        resourceType == "Location" && criterion is ParameterCriterion p && Parameters.ContainsKey(p.Parameter.Code);

    /// <summary>
    /// The criteria of a conjunction with its equipment criteria gathered into one
    /// <see cref="SameEquipment"/>, and those chained through one reference to Location
    /// (location.equipment-type, location.limit-value) into one chain on one equipment.
    /// </summary>
    public static IReadOnlyList<Criterion> Grouped(IReadOnlyList<Criterion> criteria, string resourceType)
    {
        var equipment = criteria.Where(c => IsEquipment(c, resourceType)).Cast<ParameterCriterion>().ToList();
        var chained = criteria.OfType<ChainCriterion>().Where(IsChainedEquipment).ToList();
        if (equipment.Count == 0 && chained.Count == 0) return criteria;
        var grouped = criteria.Where(c => !IsEquipment(c, resourceType) && !(c is ChainCriterion chain && IsChainedEquipment(chain))).ToList();
        if (equipment.Count > 0) grouped.Add(new SameEquipment(equipment));
        foreach (var through in chained.GroupBy(c => c.Reference.Code))
            grouped.Add(new ChainCriterion(through.First().Reference, "Location",
                new SameEquipment(through.SelectMany(c => c.Target is SameEquipment same ? same.Criteria : [(ParameterCriterion)c.Target]).ToList()),
                Hierarchy: false));
        return grouped;
    }

    private static bool IsChainedEquipment(ChainCriterion chain) =>
        chain is { TargetType: "Location", Hierarchy: false } && (chain.Target is SameEquipment || IsEquipment(chain.Target, "Location"));
}
