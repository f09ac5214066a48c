using System.Collections.Immutable;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Domain.Establishments.Editing;
using RorNational.Domain.Establishments.Structure;

namespace RorNational.Domain.Establishments;

/// <summary>
/// An EG (entité géographique, the establishment) as its stream tells it: FINESS data, its
/// <see cref="Status"/> (active or closed), the published description (<see cref="Fiches"/>)
/// and the open dossier, if any (draft or submitted).
/// </summary>
public sealed record EG(string Id, EGAdministrativeData Data, DateTimeOffset RegisteredAt)
{
    public string? OperationalName { get; init; }

    /// <summary>What the EG says of itself beyond FINESS (prices, crisis data...), edited directly.</summary>
    public EGDescription Description { get; init; } = new();

    public EGStatus Status { get; init; } = new EGStatus.Active();

    /// <summary>
    /// Stored with the snapshot so that queries find the open EGs (<c>Where(eg => !eg.Closed)</c>).
    /// Snapshots stored before <see cref="Status"/> hold only this flag: true reads as a closure
    /// whose reason was not kept.
    /// </summary>
    public bool Closed
    {
        get => Status is EGStatus.Closed;
        init
        {
            if (value != Closed) Status = value ? EGStatus.Closed.NotRecorded : new EGStatus.Active();
        }
    }

    public ImmutableSortedDictionary<string, Fiche> Fiches { get; init; } =
        ImmutableSortedDictionary.Create<string, Fiche>(StringComparer.Ordinal);

    public Dossier? OpenDossier { get; init; }

    /// <summary>
    /// This EG if its description may change. A closed EG refuses every change (422) naming its
    /// closure, until a FINESS import lists it again.
    /// </summary>
    public EG RequireActive() => Status is EGStatus.Closed closed
        ? throw CommandRejected.Because(RejectionKind.BusinessRule, closed.Describe(Id))
        : this;

    public static EG? Evolve(EG? state, object @event) => (state, @event) switch
    {
        (_, EGRegistered e) => new EG(EstablishmentIds.EG(e.Data.Finess), e.Data, e.At),
        (null, _) => null,
        (_, EGAdministrativeDataUpdated e) => state with { Data = e.Data },
        (_, EGOperationalNameChanged e) => state with { OperationalName = e.OperationalName },
        (_, EGDescriptionChanged e) => state with { Description = e.Description },
        (_, EGClosed e) => state with { Status = new EGStatus.Closed(e.Reason, e.By, e.At) },
        (_, EGReopened) => state with { Status = new EGStatus.Active() },
        (_, UOContentEdited e) => state.WithContent(e.UOId, e.Content),
        (_, LieuContentEdited e) => state with { Fiches = state.Fiches.SetItem(e.LieuId, state.Fiches[e.LieuId] with { Lieu = e.Content.AppliedTo(state.Fiches[e.LieuId].Lieu ?? new()) }) },
        (_, DossierOpened e) => state with { OpenDossier = new Dossier.Draft(e.DossierId, e.By.Id, e.At) },
        (_, FicheDrafted e) => state.WithDraft(d => d.WithDraft(new DraftFiche(e.Proposed.Id, e.Proposed, Finalized: false))),
        (_, FicheRemovalDrafted e) => state.WithDraft(d => state.Fiches.ContainsKey(e.FicheId)
            ? d.WithDraft(new DraftFiche(e.FicheId, null, Finalized: true))
            : d.Withdrawn(e.FicheId)),
        (_, FicheFinalized e) => state.WithDraft(d => d.WithDraft(d.Drafts[e.FicheId] with { Finalized = true })),
        (_, DossierSubmitted) => state.OpenDossier is Dossier.Draft draft ? state with { OpenDossier = draft.Submit() } : state,
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

    private EG WithContent(string uoId, UOContent content) =>
        this with { Fiches = Fiches.SetItem(uoId, Fiches[uoId] with { UO = Fiches[uoId].UO! with { Content = content } }) };

    /// <summary>A change of the draft dossier (the deciders emit such events only when there is one).</summary>
    private EG WithDraft(Func<Dossier.Draft, Dossier.Draft> change) =>
        OpenDossier is Dossier.Draft draft ? this with { OpenDossier = change(draft) } : this;
}
