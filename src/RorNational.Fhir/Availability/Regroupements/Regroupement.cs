namespace RorNational.Fhir.Availability.Regroupements;

/// <summary>
/// A column of the bed-availability synthesis (réanimation adulte, USIC...): the units whose
/// offers match one of its <see cref="Rules"/>. Read from fhir-profiles/availability/regroupements.json.
/// </summary>
public sealed record Regroupement(string Code, string Display, IReadOnlyList<RegroupementRule> Rules)
{
    public bool Matches(OfferForRegroupement offer) => Rules.Any(rule => rule.Matches(offer));
}

/// <summary>
/// One way into a regroupement: an operational activity (TRE_R211) among <see cref="Activities"/>,
/// or a unit category (TRE_R244) among <see cref="Categories"/>; <see cref="AgeHighBelow"/>
/// further requires the patients' age range to end below that age, in years.
/// </summary>
public sealed record RegroupementRule(IReadOnlyList<string> Activities, IReadOnlyList<string> Categories, int? AgeHighBelow)
{
    public bool Matches(OfferForRegroupement offer) =>
        (offer.Activities.Any(Activities.Contains) || (offer.Category is { } category && Categories.Contains(category)))
        && (AgeHighBelow is not { } below || offer.AgeHigh is { } high && high < below);
}

/// <summary>What of a UO decides its regroupement: its operational activities, its unit category and the top of its age range.</summary>
public sealed record OfferForRegroupement(IReadOnlyList<string> Activities, string? Category, int? AgeHigh);
