using System.Collections.Immutable;
using RorNational.Domain.Capacity;
using RorNational.Fhir.Availability.Synthesis;

namespace RorNational.Fhir.Availability.Figures;

/// <summary>
/// The figures of one lieu for the bed-availability synthesis, kept by the asynchronous
/// <see cref="LieuAvailabilityProjection"/> from its capacity stream: its current indicators
/// (as <see cref="LieuCapacity.Evolve"/> folds them), its figures (<see cref="FigureSums"/>), and the latest
/// capacityUpdateDate it was supplied with.
/// </summary>
public sealed class LieuAvailability
{
    /// <summary>The capacity stream's key: "capacity-&lt;FINESS&gt;-&lt;lieu fiche id&gt;" (<see cref="CapacityStreams"/>).</summary>
    public string Id { get; set; } = "";

    public ImmutableList<CapacityIndicator> Indicators { get; set; } = [];

    // The figures of the lieu (AvailabilityFigure), null where it has no indicator for one: each
    // also a column of its own (AvailabilityModule), so that the synthesis reads a few thousand
    // rows without reading their indicators.
    public int? Available { get; set; }
    public int? Installed { get; set; }
    public int? Closed { get; set; }
    public int? ClosedReactivable { get; set; }
    public int? Supplementary { get; set; }
    /// <summary>The figure <see cref="AvailabilityFigure.Forecast24h"/> (its column: forecast_next_day).</summary>
    public int? ForecastNextDay { get; set; }

    /// <summary>
    /// The latest capacityUpdateDate of the indicators it was ever supplied (an outdated change,
    /// which changes nothing, does not count); null when it never was.
    /// </summary>
    public DateTimeOffset? LastSourceDate { get; set; }

    public void Set(AvailabilityFigures figures)
    {
        (Available, Installed, Closed) = (figures.Available, figures.Installed, figures.Closed);
        (ClosedReactivable, Supplementary, ForecastNextDay) = (figures.ClosedReactivable, figures.Supplementary, figures.Forecast24h);
    }
}
