namespace RorNational.Fhir.Availability.Synthesis;

/// <summary>
/// The figures of one unit or one total. A figure is null when the caller's profile may not
/// read it (the response's list of figures says which it may), or, for a unit, when the unit
/// has no indicator for it; a total sums the units that have it, null when none has.
/// </summary>
public sealed record AvailabilityFigures(
    int? Available, int? Installed, int? Closed, int? ClosedReactivable, int? Supplementary, int? Forecast24h)
{
    public static readonly AvailabilityFigures None = new(null, null, null, null, null, null);

    public int? this[AvailabilityFigure figure] => figure switch
    {
        AvailabilityFigure.Available => Available,
        AvailabilityFigure.Installed => Installed,
        AvailabilityFigure.Closed => Closed,
        AvailabilityFigure.ClosedReactivable => ClosedReactivable,
        AvailabilityFigure.Supplementary => Supplementary,
        AvailabilityFigure.Forecast24h => Forecast24h,
        _ => throw new ArgumentOutOfRangeException(nameof(figure)),
    };
}
