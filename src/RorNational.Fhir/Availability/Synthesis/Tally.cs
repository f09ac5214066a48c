namespace RorNational.Fhir.Availability.Synthesis;

/// <summary>
/// Counts units into one cell or total: fresh and stale apart, each figure summed over the
/// units that have it (already null where the caller may not read it), null when none has.
/// </summary>
public sealed class Tally
{
    // Enum.GetValues allocates a new array at each call: once here, not per unit and total.
    private static readonly AvailabilityFigure[] AllFigures = Enum.GetValues<AvailabilityFigure>();
    private static readonly int FigureCount = AllFigures.Length;

    private int _units;
    private int _staleUnits;
    private readonly int?[] _fresh = new int?[FigureCount];
    private readonly int?[] _stale = new int?[FigureCount];

    public void Add(AvailabilityFigures figures, bool stale)
    {
        if (stale) _staleUnits++;
        else _units++;
        var sums = stale ? _stale : _fresh;
        foreach (var figure in AllFigures)
            if (figures[figure] is { } value) sums[(int)figure] = (sums[(int)figure] ?? 0) + value;
    }

    public AvailabilityCount ToCount() => new(_units, Figures(_fresh), new StaleCount(_staleUnits, Figures(_stale)));

    private static AvailabilityFigures Figures(int?[] sums) => new(
        sums[(int)AvailabilityFigure.Available], sums[(int)AvailabilityFigure.Installed], sums[(int)AvailabilityFigure.Closed],
        sums[(int)AvailabilityFigure.ClosedReactivable], sums[(int)AvailabilityFigure.Supplementary], sums[(int)AvailabilityFigure.Forecast24h]);
}
