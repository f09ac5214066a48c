using RorNational.Domain.Establishments.Dossiers;

namespace RorNational.Fhir.Publishing;

/// <summary>
/// The events that change an EG's open dossier and nothing it publishes: opening it, drafting,
/// finalizing, submitting, rejecting. A stream's batch made of these alone renders nothing (the
/// renderings read only the published description), so the publication folds and stores its
/// state and skips the rendering, about 150 ms of CPU for a dossier's fifteen-odd requests.
/// Acceptance publishes: it is not among them.
/// </summary>
public static class DossierOnlyEvents
{
    public static bool Only(IEnumerable<object> events) => events.All(Is);

    public static bool Is(object e) => e is
        DossierOpened or FicheDrafted or FicheRemovalDrafted or FicheFinalized or DossierSubmitted or DossierRejected;
}
