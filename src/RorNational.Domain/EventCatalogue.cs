using RorNational.Domain.Capacity;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Domain.Establishments.Editing;
using RorNational.Domain.Establishments.Importing;
using RorNational.Domain.Practitioners;

namespace RorNational.Domain;

/// <summary>
/// The stored name of every event type. These names are a contract with the data already
/// in the event store: never change one; add a new event version and an upcaster instead.
/// </summary>
public static class EventCatalogue
{
    public static readonly IReadOnlyDictionary<Type, string> StoredNames = new Dictionary<Type, string>
    {
        [typeof(EJRegistered)] = "ej_registered",
        [typeof(EJAdministrativeDataUpdated)] = "ej_administrative_data_updated",
        [typeof(EGRegistered)] = "eg_registered",
        [typeof(EGAdministrativeDataUpdated)] = "eg_administrative_data_updated",
        [typeof(EGOperationalNameChanged)] = "eg_operational_name_changed",
        [typeof(EGClosed)] = "eg_closed",
        [typeof(EGReopened)] = "eg_reopened",
        [typeof(UOContentEdited)] = "uo_content_edited",
        [typeof(DossierOpened)] = "dossier_opened",
        [typeof(FicheDrafted)] = "fiche_drafted",
        [typeof(FicheRemovalDrafted)] = "fiche_removal_drafted",
        [typeof(FicheFinalized)] = "fiche_finalized",
        [typeof(DossierSubmitted)] = "dossier_submitted",
        [typeof(DossierAccepted)] = "dossier_accepted",
        [typeof(DossierRejected)] = "dossier_rejected",
        [typeof(FinessImportStarted)] = "finess_import_started",
        [typeof(FinessImportCompleted)] = "finess_import_completed",
        [typeof(FinessImportFailed)] = "finess_import_failed",
        [typeof(CapacityIndicatorAdded)] = "capacity_indicator_added",
        [typeof(CapacityIndicatorReplaced)] = "capacity_indicator_replaced",
        [typeof(CapacityIndicatorDeleted)] = "capacity_indicator_deleted",
        [typeof(OutdatedCapacityChangeRecorded)] = "outdated_capacity_change_recorded",
        [typeof(EGDescriptionChanged)] = "eg_description_changed",
        [typeof(PractitionerRecorded)] = "practitioner_recorded",
        [typeof(PractitionerIdentityChanged)] = "practitioner_identity_changed",
        [typeof(LieuContentEdited)] = "lieu_content_edited",
    };
}
