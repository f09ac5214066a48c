using RorNational.Domain.Establishments;

namespace RorNational.Fhir.Publishing;

/// <summary>
/// What the publication projection remembers of one EJ or EG stream between batches: the
/// state it renders from, the resources it currently publishes, and when each was first published.
/// </summary>
public sealed class PublicationState
{
    public string Id { get; set; } = "";
    public EJ? EJ { get; set; }
    public EG? EG { get; set; }

    /// <summary>Keys "Type/id" of the resources published now.</summary>
    public HashSet<string> Published { get; set; } = [];

    /// <summary>The opaque FHIR id of each unit, by the editor's id of the unit (<see cref="UnitFhirIds"/>).</summary>
    public Dictionary<string, string> UnitIds { get; set; } = [];

    /// <summary>The lieux whose content is hidden as a sensitive unit's (<see cref="SensitiveLieux"/>).</summary>
    public HashSet<string> SensitiveLieux { get; set; } = [];

    /// <summary>
    /// What <see cref="Availability.Placement.UnitPlacements"/> last wrote for each lieu placed in the
    /// bed-availability synthesis (a hash of its placement), by lieu fiche id: unchanged placements are not written again.
    /// </summary>
    public Dictionary<string, string> AvailabilityPlacements { get; set; } = [];

    /// <summary>When each resource key was first published (the guide's creation date).</summary>
    public Dictionary<string, DateTimeOffset> FirstPublished { get; set; } = [];
}
