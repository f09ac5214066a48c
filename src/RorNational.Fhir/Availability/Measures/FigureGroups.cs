using RorNational.Fhir.Availability.Synthesis;
using RorNational.Fhir.Ror;

namespace RorNational.Fhir.Availability.Measures;

/// <summary>
/// What each group of a bed-availability Measure counts: one group per <see cref="AvailabilityFigure"/>
/// (its code is the figure's name in /api/availability) and a group of the units themselves.
/// <see cref="Observation"/> is the figure of one unit as FHIRPath over its Location, the
/// sum of nbCapacity over its ror-location-supported-capacity records of the given kind.
/// </summary>
public sealed record FigureGroup(string Code, string Display, string Description, string Observation, string Unit)
{
    public const string UnitsCode = "units";

    public static FigureGroup Of(AvailabilityFigure figure) => figure switch
    {
        AvailabilityFigure.Available => Beds("available", "Lits disponibles",
            "Beds available now: status 02 Disponible (TRE_R330), temporality 01 Courant (TRE_R331)", status: "02", temporality: "01"),
        AvailabilityFigure.Installed => Beds("installed", "Lits installés",
            "Beds installed: status 01 Installé (TRE_R330), temporality 01 Courant (TRE_R331)", status: "01", temporality: "01"),
        AvailabilityFigure.Closed => Beds("closed", "Lits fermés",
            "Beds closed, whatever the closing type: status 05 Fermé (TRE_R330), temporality 01 Courant (TRE_R331)", status: "05", temporality: "01"),
        AvailabilityFigure.ClosedReactivable => Beds("closedReactivable", "Lits fermés réactivables",
            "Beds closed but re-activable: status 05 Fermé (TRE_R330), temporality 01 Courant (TRE_R331), closing type 01 Réactivable (TRE_R333)",
            status: "05", temporality: "01", closing: "01"),
        AvailabilityFigure.Supplementary => Beds("supplementary", "Lits supplémentaires",
            "Supplementary (crisis) beds, whatever the additional bed type: status 06 Supplémentaire (TRE_R330), temporality 01 Courant (TRE_R331)",
            status: "06", temporality: "01"),
        AvailabilityFigure.Forecast24h => Beds("forecast24h", "Lits disponibles à 24 h",
            "Beds forecast available in 24 hours: status 02 Disponible (TRE_R330), temporality 03 Prévisionnel 24 heures (TRE_R331)",
            status: "02", temporality: "03"),
        _ => throw new ArgumentOutOfRangeException(nameof(figure)),
    };

    /// <summary>The units of the regroupement: each counts one.</summary>
    public static readonly FigureGroup Units = new(UnitsCode, "Unités",
        "Units (lieux de réalisation, FHIR Locations) of the regroupement in the territory, each counted once; " +
        "the measure score counts the fresh ones, the stale ones are counted apart (stratifier freshness).",
        "1", "{units}");

    /// <summary>The figures in their order, then the units.</summary>
    public static IEnumerable<FigureGroup> All => Enum.GetValues<AvailabilityFigure>().Select(Of).Prepend(Units);

    private static FigureGroup Beds(string code, string display, string what, string status, string temporality, string? closing = null)
    {
        var conditions = new List<string>
        {
            Coded(CapacityCodes.CapacityType, "01"),
            Coded(CapacityCodes.CapacityStatus, status),
            Coded(CapacityCodes.Temporality, temporality),
        };
        if (closing is not null) conditions.Add(Coded(CapacityCodes.ClosingType, closing));
        var observation =
            $"Location.extension.where(url='{RorCanonical.Extensions.LocationSupportedCapacity}')" +
            $".where({string.Join(" and ", conditions)})" +
            $".extension.where(url='{CapacityCodes.Count}').value.ofType(integer).aggregate($this + $total, 0)";
        var description =
            $"{what}. Per unit: the sum of nbCapacity of its capacity records (ror-location-supported-capacity) of type 01 Lit (TRE_R329) " +
            "of that status and temporality, over every gender and temporary assignment. The measure score sums the fresh units' figures, " +
            "in beds; the stale units' sum is apart (stratifier freshness). A unit without such a record adds nothing; " +
            "a score is absent (data-absent-reason) when no unit has one.";
        return new FigureGroup(code, display, description, observation, "{beds}");
    }

    private static string Coded(string subExtension, string code) =>
        $"extension.where(url='{subExtension}').value.ofType(CodeableConcept).coding" +
        $".where(system='{CapacityCodes.SystemOf(subExtension)}' and code='{code}').exists()";
}
