using System.Collections.Immutable;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Domain.Establishments.Editing;
using RorNational.Domain.Establishments.Structure;

namespace RorNational.Domain.Establishments;

/// <summary>
/// An EG (entité géographique, the establishment) as its stream tells it: FINESS data, the
/// published description (<see cref="Fiches"/>) and the open dossier, if any.
/// </summary>
public sealed record EG(string Id, EGAdministrativeData Data, DateTimeOffset RegisteredAt)
{
    public string? OperationalName { get; init; }
    public bool Closed { get; init; }

    public ImmutableSortedDictionary<string, Fiche> Fiches { get; init; } =
        ImmutableSortedDictionary.Create<string, Fiche>(StringComparer.Ordinal);

    public Dossier? OpenDossier { get; init; }

    public static EG? Evolve(EG? state, object @event) => (state, @event) switch
    {
        (_, EGRegistered e) => new EG(EstablishmentIds.EG(e.Data.Finess), e.Data, e.At),
        (null, _) => null,
        (_, EGAdministrativeDataUpdated e) => state with { Data = e.Data },
        (_, EGOperationalNameChanged e) => state with { OperationalName = e.OperationalName },
        (_, EGClosed) => state with { Closed = true },
        (_, EGReopened) => state with { Closed = false },
        (_, UOContentEdited e) => state.WithContent(e.UOId, e.Content),
        (_, DossierOpened e) => state with { OpenDossier = new Dossier(e.DossierId, DossierStatus.Draft, e.By.Id, e.At) },
        (_, FicheDrafted e) => state.WithDraft(new DraftFiche(e.Proposed.Id, e.Proposed, Finalized: false)),
        (_, FicheRemovalDrafted e) => state.Fiches.ContainsKey(e.FicheId)
            ? state.WithDraft(new DraftFiche(e.FicheId, null, Finalized: true))
            : state with { OpenDossier = state.OpenDossier! with { Drafts = state.OpenDossier.Drafts.Remove(e.FicheId) } },
        (_, FicheFinalized e) => state.WithDraft(state.OpenDossier!.Drafts[e.FicheId] with { Finalized = true }),
        (_, DossierSubmitted) => state with { OpenDossier = state.OpenDossier! with { Status = DossierStatus.Submitted } },
        (_, DossierAccepted e) => state with
        {
            Fiches = e.Changes.Aggregate(state.Fiches, (fiches, change) => change.Published is null
                ? fiches.Remove(change.FicheId)
                : fiches.SetItem(change.FicheId, change.Published)),
            OpenDossier = null,
        },
        (_, DossierRejected) => state with { OpenDossier = null },
        _ => state,
    };

    private EG WithContent(string uoId, Structure.UOContent content) =>
        this with { Fiches = Fiches.SetItem(uoId, Fiches[uoId] with { UO = Fiches[uoId].UO! with { Content = content } }) };

    private EG WithDraft(DraftFiche draft) =>
        this with { OpenDossier = OpenDossier! with { Drafts = OpenDossier.Drafts.SetItem(draft.FicheId, draft) } };
}
