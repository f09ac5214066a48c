using RorNational.Domain.Common;

namespace RorNational.Domain.Establishments.Structure;

/// <summary>
/// The bounds of an EG's own description and of an internal organisation unit's: every code in
/// the value set its ror-organization extension binds it to, amounts in euros (at least 0, at most
/// 2 decimals), counts and dates within bounds. Each problem is named by its JSON path.
/// </summary>
public static class EGDescriptionChecks
{
    public const decimal MaxAmount = 1_000_000m;
    public const int MaxPlaces = 100_000;
    public const int MaxCommentLength = 2000;

    public static IReadOnlyList<Problem> Of(EGDescription description, Terminology terminology)
    {
        var checks = new FieldChecks()
            .Each(description.Prices, "prices", price => PriceProblems(price, terminology))
            .Code(description.OrsanLevel, "orsanLevel", DescriptionValueSets.NiveauRecoursOrsan, terminology)
            .Code(description.Accessibility, "accessibility", DescriptionValueSets.AccessibiliteLieu, terminology)
            .Each(description.FinancialHelps, "financialHelps", code => UOContentChecks.CodeProblems(code, DescriptionValueSets.AideFinanciere, terminology))
            .Each(description.HealthTerritories, "healthTerritories", code => UOContentChecks.CodeProblems(code, DescriptionValueSets.TerritoireSante, terminology))
            .Code(description.ClosingType, "closingType", DescriptionValueSets.TypeFermeture, terminology)
            .Date(description.ClosingDate, "closingDate")
            .Optional(description.Comment, "comment", MaxCommentLength);
        Places(checks, description.PermanentSocialHelpPlaces, "permanentSocialHelpPlaces");
        Places(checks, description.TemporarySocialHelpPlaces, "temporarySocialHelpPlaces");
        if (description.FinancialHelps is { } helps && helps.Distinct().Count() != helps.Count)
            checks.Wrong("financialHelps", "must name each financial help once");
        if (description.HealthTerritories is { } territories && territories.Distinct().Count() != territories.Count)
            checks.Wrong("healthTerritories", "must name each health territory once");
        return checks.Problems;
    }

    public static IReadOnlyList<Problem> OfOrganisation(OrganisationDescription organisation, Terminology terminology)
    {
        var checks = new FieldChecks()
            .Date(organisation.OpeningDate, "openingDate")
            .Date(organisation.ClosingDate, "closingDate")
            .Code(organisation.ClosingType, "closingType", DescriptionValueSets.TypeFermeture, terminology)
            .Date(organisation.ReopeningDate, "reopeningDate");
        if (organisation is { OpeningDate: { } opens, ClosingDate: { } closes } && closes < opens)
            checks.Wrong("closingDate", "must not be before openingDate");
        if (organisation is { ClosingDate: { } closed, ReopeningDate: { } reopens } && reopens < closed)
            checks.Wrong("reopeningDate", "must not be before closingDate");
        return checks.Problems;
    }

    private static IReadOnlyList<Problem> PriceProblems(Price price, Terminology terminology)
    {
        var checks = new FieldChecks()
            .RequiredCode(price.Type, "type", DescriptionValueSets.TypeTarif, terminology)
            .RequiredCode(price.Unit, "unit", DescriptionValueSets.UnitePrix, terminology)
            .Date(price.ValidFrom, "validFrom")
            .Code(price.ResidentialType, "residentialType", DescriptionValueSets.TypeHabitation, terminology)
            .Code(price.DependencyLevel, "dependencyLevel", DescriptionValueSets.GroupeTarifaireDependance, terminology)
            .Code(price.WelcomeType, "welcomeType", DescriptionValueSets.TemporaliteAccueil, terminology)
            .Code(price.SpecialPrice, "specialPrice", DescriptionValueSets.ConditionTarifaire, terminology)
            .Each(price.DeliveryIncluded, "deliveryIncluded", code => UOContentChecks.CodeProblems(code, DescriptionValueSets.PrestationNonObligatoireIncluse, terminology))
            .Each(price.OthersDeliveryIncluded, "othersDeliveryIncluded", text => new FieldChecks().Required(text, "").Problems.Select(p => p with { Field = null }).ToList())
            .Optional(price.MealDeliveryName, "mealDeliveryName")
            .Optional(price.HumanHelpPriceName, "humanHelpPriceName");
        if (price.Amount is < 0 or > MaxAmount) checks.Wrong("amount", $"must be an amount in euros from 0 to {MaxAmount}");
        else if (price.Amount != decimal.Round(price.Amount, 2)) checks.Wrong("amount", "must have at most 2 decimals (euros and cents)");
        return checks.Problems;
    }

    private static void Places(FieldChecks checks, int? places, string field)
    {
        if (places is < 0 or > MaxPlaces) checks.Wrong(field, $"must be 0 to {MaxPlaces}");
    }
}
