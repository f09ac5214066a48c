namespace RorNational.Fhir.Availability.Placement;

/// <summary>
/// Where a lieu de réalisation counts in the bed-availability synthesis: its regroupement,
/// département and région, with what the synthesis shows of it (names, phones) and the classes
/// of its data. One document per lieu that has a regroupement, written by the publication with
/// the lieu's Location (<see cref="UnitPlacements"/>); a lieu that matches no regroupement, is
/// removed, or whose EG is closed has none.
/// </summary>
public sealed class UnitPlacement
{
    /// <summary>The unit id of the lieu: "&lt;FINESS of the EG&gt;-&lt;lieu fiche id&gt;", also its capacity stream's suffix.</summary>
    public string Id { get; set; } = "";

    public string EGFiness { get; set; } = "";
    public string EGName { get; set; } = "";
    public string LieuId { get; set; } = "";

    /// <summary>The FHIR id of the lieu's Location (opaque).</summary>
    public string LocationId { get; set; } = "";

    /// <summary>The lieu's name (the fiche's), or its id when it has none.</summary>
    public string Name { get; set; } = "";

    /// <summary>INSEE code of the région (TRE_R30).</summary>
    public string Region { get; set; } = "";

    /// <summary>INSEE code of the département: "01", "2A", "971".</summary>
    public string Departement { get; set; } = "";

    /// <summary>The regroupement's code (fhir-profiles/availability/regroupements.json).</summary>
    public string Regroupement { get; set; } = "";

    /// <summary>Every UO the lieu serves is a sensitive unit (<see cref="Publishing.SensitiveLieux"/>).</summary>
    public bool Sensitive { get; set; }

    /// <summary>The lieu serves medico-social offers only (<see cref="Publishing.MedicoSocialLieux"/>).</summary>
    public bool MedicoSocial { get; set; }

    /// <summary>The phones that may be shown for the unit, best first: the UOs' phone telecoms, then the EG's phone.</summary>
    public List<PhoneCandidate> Phones { get; set; } = [];
}

/// <summary>
/// A phone number and its confidentiality level (TRE_R283: 1 public, 2 professionals, 3 crisis
/// and regulation), the higher of its contact's and its own.
/// </summary>
public sealed record PhoneCandidate(string Value, int Level);
