namespace RorNational.Offer.ApiRights;

/// <summary>
/// The right an /api route requires, declared on its endpoint with <see cref="RequiresAttribute"/>
/// and checked by <see cref="RightsOnTheApi"/> before the endpoint runs. The rights on one
/// establishment take its id from the route value <c>egId</c> or <c>establishmentId</c>.
/// </summary>
public enum Right
{
    /// <summary>Registering establishments, FINESS imports.</summary>
    Admin,

    /// <summary>Reading the history and the editors' view of every establishment.</summary>
    Auditor,

    /// <summary>Direct edits and dossiers (open, fiches, finalize, submit): an editor of the EG.</summary>
    EditorOfEstablishment,

    /// <summary>Posting the EG's capacity: a supplier of the EG.</summary>
    SupplierOfEstablishment,

    /// <summary>
    /// Accepting or rejecting a dossier: a validator of the EG's région (the région of its
    /// commune, as its FHIR resources are tagged).
    /// </summary>
    ValidatorOfEstablishmentRegion,

    /// <summary>
    /// The editors' view and the history of an establishment: auditors, its editors and the
    /// validators of its région (an EJ: auditors, and editors or validators of every EG).
    /// </summary>
    ReaderOfEstablishment,

    /// <summary>
    /// Recording a professional (by RPPS number), nationwide: an admin, or an editor of any
    /// establishment (editors describe the roles of the professionals of their UOs).
    /// </summary>
    PractitionerRecorder,
}
