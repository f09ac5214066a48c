using RorNational.Fhir.Access;

namespace RorNational.Fhir.Availability.Synthesis;

/// <summary>
/// The figures of the synthesis, all counted in beds (TRE_R329 01) and summed over every
/// gender and temporary assignment of a lieu's indicators (TRE_R330 status, TRE_R331 temporality):
/// </summary>
public enum AvailabilityFigure
{
    /// <summary>Available now: status 02, temporality 01. The figure the synthesis is for.</summary>
    Available,
    /// <summary>Installed: status 01, temporality 01.</summary>
    Installed,
    /// <summary>Closed: status 05, temporality 01, whatever the closing type.</summary>
    Closed,
    /// <summary>Closed but re-activable: status 05, temporality 01, closing type 01 (TRE_R333).</summary>
    ClosedReactivable,
    /// <summary>Supplementary (crisis) beds: status 06, temporality 01, whatever the additional bed type.</summary>
    Supplementary,
    /// <summary>Available in 24 h: status 02, temporality 03.</summary>
    Forecast24h,
}

public static class AvailabilityFigureClasses
{
    /// <summary>
    /// The data classes of a figure, as the capacity records it sums are classified
    /// (<see cref="ElementClassification"/>): a profile that may not read those records may not
    /// read the figure, nor any total that counts it.
    /// </summary>
    public static DataClass Of(AvailabilityFigure figure) => figure switch
    {
        AvailabilityFigure.Installed => DataClass.Capacity,
        AvailabilityFigure.Supplementary => DataClass.Capacity | DataClass.OperationalCapacity | DataClass.SupplementaryCapacity,
        _ => DataClass.Capacity | DataClass.OperationalCapacity,
    };
}
