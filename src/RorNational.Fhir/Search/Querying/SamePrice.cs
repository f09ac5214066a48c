using RorNational.Fhir.Ror;
using T = RorNational.Fhir.Ror.RorCanonical.Terminologies;

namespace RorNational.Fhir.Search.Querying;

/// <summary>
/// Price criteria that hold on one and the same price of an Organization (one
/// ror-organization-price extension), as the guide's ST8 scenario reads
/// "price-type=…|02&amp;price-amount-value=ltX": the establishment has a forfait socle
/// hébergement under X, not such a price beside another, cheaper one. Compiled into one lookup
/// of the price index, one row per price (CriterionSql.Price), as capacity criteria are
/// (<see cref="SameIndicator"/>) and equipment criteria (<see cref="SameEquipment"/>).
/// </summary>
public sealed record SamePrice(IReadOnlyList<ParameterCriterion> Criteria) : Criterion
{
    /// <summary>The guide's price parameters of Organization: the column of the price index each searches, and its code system.</summary>
    public static readonly IReadOnlyDictionary<string, (string Column, string? System)> Parameters =
        new Dictionary<string, (string, string?)>
        {
            ["price-type"] = ("price_type", T.TypeTarif),
            ["price-unit"] = ("unit", T.UnitePrix),
            ["price-amount-value"] = ("amount", null),
            ["price-validity-start-date"] = ("start_low", null),
            ["price-residential-type"] = ("residential_type", T.TypeHabitation),
            ["price-dependency-level"] = ("dependency_level", T.NiveauDependance),
            ["price-welcome-type"] = ("welcome_type", T.TemporaliteAccueil),
            ["special-price"] = ("special_price", T.ConditionTarifaire),
        };

    public static bool IsPrice(Criterion criterion, string resourceType) =>
        resourceType == "Organization" && criterion is ParameterCriterion p && Parameters.ContainsKey(p.Parameter.Code);

    /// <summary>
    /// The criteria of a conjunction with its price criteria gathered into one
    /// <see cref="SamePrice"/>, and those chained through one reference to Organization
    /// (organization.price-type, organization.price-amount-value) into one chain on one price.
    /// </summary>
    public static IReadOnlyList<Criterion> Grouped(IReadOnlyList<Criterion> criteria, string resourceType)
    {
        var prices = criteria.Where(c => IsPrice(c, resourceType)).Cast<ParameterCriterion>().ToList();
        var chained = criteria.OfType<ChainCriterion>().Where(IsChainedPrice).ToList();
        if (prices.Count == 0 && chained.Count == 0) return criteria;
        var grouped = criteria.Where(c => !IsPrice(c, resourceType) && !(c is ChainCriterion chain && IsChainedPrice(chain))).ToList();
        if (prices.Count > 0) grouped.Add(new SamePrice(prices));
        foreach (var through in chained.GroupBy(c => c.Reference.Code))
            grouped.Add(new ChainCriterion(through.First().Reference, "Organization",
                new SamePrice(through.SelectMany(c => c.Target is SamePrice same ? same.Criteria : [(ParameterCriterion)c.Target]).ToList()),
                Hierarchy: false));
        return grouped;
    }

    private static bool IsChainedPrice(ChainCriterion chain) =>
        chain is { TargetType: "Organization", Hierarchy: false } && (chain.Target is SamePrice || IsPrice(chain.Target, "Organization"));
}
