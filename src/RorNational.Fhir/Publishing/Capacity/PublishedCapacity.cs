using RorNational.Domain.Capacity;

namespace RorNational.Fhir.Publishing.Capacity;

/// <summary>
/// The current indicators of one lieu as the publication projection folded them from the
/// lieu's capacity stream: written by that projection only (listed in
/// <see cref="Rebuilding.PublicationOutputs"/>), so that it renders a Location with its capacity
/// from its own state. Inline projections cannot read each other's pending documents: a
/// snapshot written by another projection in the same transaction would not be seen yet.
/// </summary>
public sealed class PublishedCapacity
{
    /// <summary>The capacity stream: "capacity-&lt;FINESS of the EG&gt;-&lt;lieu fiche id&gt;".</summary>
    public string Id { get; set; } = "";

    /// <summary>In the order they are published (<see cref="LieuCapacity"/>: by key).</summary>
    public List<CapacityIndicator> Indicators { get; set; } = [];

    public void Apply(object @event)
    {
        var folded = LieuCapacity.Evolve(new LieuCapacity(Id) { Indicators = [.. Indicators] }, Id, @event);
        Indicators = [.. folded.Indicators];
    }
}
