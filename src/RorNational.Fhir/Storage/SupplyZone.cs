using RorNational.Domain.Capacity;

namespace RorNational.Fhir.Storage;

/// <summary>
/// A lieu as capacity suppliers address it: by its EG's FINESS and its idExterneSynchro (or
/// its functional id, "identifiant unique de saisie"), or by its Location's FHIR id. Written by
/// the publication projection with the Location, in the same transaction; read by the supply
/// endpoints to find the capacity stream a change goes to.
/// </summary>
public sealed class SupplyZone
{
    /// <summary>The unit id of the lieu: "&lt;FINESS of the EG&gt;-&lt;lieu fiche id&gt;".</summary>
    public string Id { get; set; } = "";

    public string EGFiness { get; set; } = "";
    public string LieuId { get; set; } = "";

    /// <summary>The FHIR id of the lieu's Location (opaque).</summary>
    public string LocationId { get; set; } = "";

    public string? IdExterneSynchro { get; set; }
    public string? FunctionalId { get; set; }

    /// <summary>The lieu is no longer published (removed by an accepted dossier): suppliers find no zone.</summary>
    public bool Retired { get; set; }

    /// <summary>The EG is closed (left FINESS).</summary>
    public bool EGClosed { get; set; }

    public string CapacityStream => CapacityStreams.Of(EGFiness, LieuId);
}
