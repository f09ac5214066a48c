using Hl7.Fhir.Model;
using RorNational.Domain.Establishments.Structure;
using RorNational.Fhir.Ror;
using E = RorNational.Fhir.Ror.RorCanonical.Extensions;
using T = RorNational.Fhir.Ror.RorCanonical.Terminologies;

namespace RorNational.Fhir.Organizations;

/// <summary>
/// The extensions of ror-organization an EG's own description and an internal organisation
/// unit's fill: prices, territorial divisions (health territories, type 4), financial help,
/// family accommodation, social-help places, accessibility, ORSAN level, drop zone, closure type,
/// organization-period and comment, in the order of the profile's extension slices.
/// </summary>
public static class OrganizationDescriptionRendering
{
    /// <summary>The health territory type of a territorial division (TRE_R201), the only one an EG carries.</summary>
    public const string HealthTerritoryType = "4";

    public static IEnumerable<Extension> Extensions(EGDescription description, DateOnly? openingDate)
    {
        foreach (var price in description.Prices) yield return Price(price);
        foreach (var territory in description.HealthTerritories)
            yield return new Extension
            {
                Url = E.TerritorialDivision,
                Extension =
                [
                    new Extension("typeTerritorialDivision", RorDatatypes.Coded(T.TypeDivisionTerritoriale, HealthTerritoryType, "Territoire de santé")),
                    new Extension("codeTerritorialDivision", RorDatatypes.Coded(T.TerritoireSante, territory)),
                ],
            };
        foreach (var help in description.FinancialHelps) yield return new Extension(E.FinancialHelpType, RorDatatypes.Coded(T.AideFinanciere, help));
        if (description.FamilyAccommodation is { } family) yield return new Extension(E.AccomodationFamily, new FhirBoolean(family));
        if (description.PermanentSocialHelpPlaces is { } permanent) yield return new Extension(E.NbPermanentSocialHelpPlace, new Integer(permanent));
        if (description.TemporarySocialHelpPlaces is { } temporary) yield return new Extension(E.NbTemporarySocialHelpPlace, new Integer(temporary));
        if (description.Accessibility is { } accessibility) yield return new Extension(E.AccessibilityLocation, RorDatatypes.Coded(T.AccessibiliteLieu, accessibility));
        if (description.OrsanLevel is { } orsan) yield return new Extension(E.LevelRecourseOrsan, RorDatatypes.Coded(T.NiveauRecoursOrsan, orsan));
        if (description.DropZone is { } dropZone) yield return new Extension(E.DropZone, new FhirBoolean(dropZone));
        if (description.ClosingType is { } closingType) yield return new Extension(E.OrganizationClosingType, RorDatatypes.Coded(T.TypeFermeture, closingType));
        if (Period(openingDate, description.ClosingDate) is { } period) yield return period;
        if (description.Comment is { } comment) yield return new Extension(E.OrganizationComment, new FhirString(comment));
    }

    public static IEnumerable<Extension> Extensions(OrganisationDescription? organisation)
    {
        if (organisation is null) yield break;
        if (organisation.ReopeningDate is { } reopens) yield return new Extension(E.OrganizationReopeningDate, new Date(reopens.ToString("yyyy-MM-dd")));
        if (organisation.ClosingType is { } closingType) yield return new Extension(E.OrganizationClosingType, RorDatatypes.Coded(T.TypeFermeture, closingType));
        if (Period(organisation.OpeningDate, organisation.ClosingDate) is { } period) yield return period;
    }

    private static Extension Price(Price price)
    {
        var extension = new Extension { Url = E.OrganizationPrice };
        extension.Extension.Add(new Extension("priceType", RorDatatypes.Coded(T.TypeTarif, price.Type)));
        extension.Extension.Add(new Extension("priceUnit", RorDatatypes.Coded(T.UnitePrix, price.Unit)));
        extension.Extension.Add(new Extension("amount", new Money { Value = price.Amount, Currency = Money.Currencies.EUR }));
        if (price.ValidFrom is { } from) extension.Extension.Add(new Extension("startDate", new FhirDateTime(from.ToString("yyyy-MM-dd"))));
        if (price.Under60 is { } under60) extension.Extension.Add(new Extension("under60", new FhirBoolean(under60)));
        extension.Extension.AddRange(price.DeliveryIncluded.Select(code => new Extension("deliveryIncluded", RorDatatypes.Coded(T.PrestationNonObligatoireIncluse, code))));
        extension.Extension.AddRange(price.OthersDeliveryIncluded.Select(text => new Extension("othersDeliveryIncluded", new FhirString(text))));
        if (price.ResidentialType is { } residential) extension.Extension.Add(new Extension("residentialType", RorDatatypes.Coded(T.TypeHabitation, residential)));
        if (price.SpecialPrice is { } special) extension.Extension.Add(new Extension("specialPrice", RorDatatypes.Coded(T.ConditionTarifaire, special)));
        if (price.WelcomeType is { } welcome) extension.Extension.Add(new Extension("welcomeType", RorDatatypes.Coded(T.TemporaliteAccueil, welcome)));
        if (price.MealDeliveryName is { } meal) extension.Extension.Add(new Extension("mealDeliveryName", new FhirString(meal)));
        if (price.DependencyLevel is { } dependency) extension.Extension.Add(new Extension("dependencyLevel", RorDatatypes.Coded(T.NiveauDependance, dependency)));
        if (price.HumanHelpPriceName is { } humanHelp) extension.Extension.Add(new Extension("humanHelpPriceName", new FhirString(humanHelp)));
        return extension;
    }

    private static Extension? Period(DateOnly? start, DateOnly? end) => start is null && end is null
        ? null
        : new Extension(E.OrganizationPeriod, new Period
        {
            Start = start?.ToString("yyyy-MM-dd"),
            End = end?.ToString("yyyy-MM-dd"),
        });
}
