using RorNational.Domain.Capacity;
using RorNational.Fhir.Availability.Synthesis;

namespace RorNational.Fhir.Availability.Figures;

/// <summary>The figures of a lieu from its current indicators, as <see cref="AvailabilityFigure"/> defines each.</summary>
public static class FigureSums
{
    private const string Bed = "01";
    private const string Installed = "01", Available = "02", Closed = "05", Supplementary = "06";
    private const string Now = "01", In24Hours = "03";
    private const string Reactivable = "01";

    public static AvailabilityFigures Of(IEnumerable<CapacityIndicator> indicators)
    {
        var beds = indicators.Where(i => i.CapacityType == Bed).ToList();
        return new AvailabilityFigures(
            Available: Sum(beds, i => i.Key.Status == Available && i.Key.Temporality == Now),
            Installed: Sum(beds, i => i.Key.Status == Installed && i.Key.Temporality == Now),
            Closed: Sum(beds, i => i.Key.Status == Closed && i.Key.Temporality == Now),
            ClosedReactivable: Sum(beds, i => i.Key.Status == Closed && i.Key.Temporality == Now && i.Key.ClosingType == Reactivable),
            Supplementary: Sum(beds, i => i.Key.Status == Supplementary && i.Key.Temporality == Now),
            Forecast24h: Sum(beds, i => i.Key.Status == Available && i.Key.Temporality == In24Hours));
    }

    /// <summary>The sum of the indicators that count; null when none does.</summary>
    private static int? Sum(List<CapacityIndicator> beds, Func<CapacityIndicator, bool> counts)
    {
        int? sum = null;
        foreach (var indicator in beds.Where(counts)) sum = (sum ?? 0) + indicator.Count;
        return sum;
    }
}
