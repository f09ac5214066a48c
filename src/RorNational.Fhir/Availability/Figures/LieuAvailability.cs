using System.Collections.Immutable;
using RorNational.Domain.Capacity;
using RorNational.Fhir.Availability.Synthesis;

namespace RorNational.Fhir.Availability.Figures;

/// <summary>
/// The figures of one lieu for the bed-availability synthesis, kept by the asynchronous
/// <see cref="LieuAvailabilityProjection"/> from its capacity stream: its current indicators
/// (as <see cref="LieuCapacity.Evolve"/> folds them), its figures, and the latest
/// capacityUpdateDate it was supplied with.
/// </summary>
public sealed class LieuAvailability
{
    /// <summary>The capacity stream's key: "capacity-&lt;FINESS&gt;-&lt;lieu fiche id&gt;" (<see cref="CapacityStreams"/>).</summary>
    public string Id { get; set; } = "";

    public ImmutableList<CapacityIndicator> Indicators { get; set; } = [];

    /// <summary>The figures of the lieu; null where it has no indicator for a figure.</summary>
    public AvailabilityFigures Figures { get; set; } = AvailabilityFigures.None;

    /// <summary>
    /// The latest capacityUpdateDate of the indicators it was ever supplied (an outdated change,
    /// which changes nothing, does not count); null when it never was.
    /// </summary>
    public DateTimeOffset? LastSourceDate { get; set; }
}
