using System.Collections.Immutable;
using System.Text.Json.Serialization;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments.Structure;

namespace RorNational.Domain.Establishments.Dossiers;

/// <summary>A fiche as the dossier proposes it; <see cref="Proposed"/> null is a removal.</summary>
public sealed record DraftFiche(string FicheId, Fiche? Proposed, bool Finalized);

/// <summary>
/// The open dossier of an EG: a <see cref="Draft"/> its editors change, then, once submitted,
/// a <see cref="Submitted"/> one only a validator accepts or rejects. Its drafts are never
/// visible to FHIR consumers.
/// </summary>
[JsonConverter(typeof(DossierJson))]
public abstract record Dossier
{
    private Dossier(string id, string openedBy, DateTimeOffset openedAt, ImmutableSortedDictionary<string, DraftFiche> drafts)
    {
        Id = id;
        OpenedBy = openedBy;
        OpenedAt = openedAt;
        Drafts = drafts;
    }

    public string Id { get; }
    public string OpenedBy { get; }
    public DateTimeOffset OpenedAt { get; }
    public ImmutableSortedDictionary<string, DraftFiche> Drafts { get; private init; }

    public static readonly ImmutableSortedDictionary<string, DraftFiche> NoDrafts =
        ImmutableSortedDictionary.Create<string, DraftFiche>(StringComparer.Ordinal);

    /// <summary>Being written: fiches are drafted, finalized, removed.</summary>
    public sealed record Draft : Dossier
    {
        public Draft(string id, string openedBy, DateTimeOffset openedAt, ImmutableSortedDictionary<string, DraftFiche>? drafts = null)
            : base(id, openedBy, openedAt, drafts ?? NoDrafts)
        {
        }

        public Draft WithDraft(DraftFiche draft) => this with { Drafts = Drafts.SetItem(draft.FicheId, draft) };

        public Draft Withdrawn(string ficheId) => this with { Drafts = Drafts.Remove(ficheId) };

        public Submitted Submit() => new(Id, OpenedBy, OpenedAt, Drafts);
    }

    /// <summary>Awaiting a validator's decision: its drafts no longer change.</summary>
    public sealed record Submitted : Dossier
    {
        public Submitted(string id, string openedBy, DateTimeOffset openedAt, ImmutableSortedDictionary<string, DraftFiche> drafts)
            : base(id, openedBy, openedAt, drafts)
        {
        }
    }

    /// <summary>The structure as it would be published if this dossier were accepted.</summary>
    public ImmutableSortedDictionary<string, Fiche> Apply(ImmutableSortedDictionary<string, Fiche> published) =>
        Drafts.Values.Aggregate(published, (fiches, draft) => draft.Proposed is null
            ? fiches.Remove(draft.FicheId)
            : fiches.SetItem(draft.FicheId, draft.Proposed));
}
