using System.Collections.Immutable;
using System.Text.Json.Serialization;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments.Structure;

namespace RorNational.Domain.Establishments.Dossiers;

[JsonConverter(typeof(NamedEnumConverter<DossierStatus>))]
public enum DossierStatus { Draft, Submitted }

/// <summary>A fiche as the dossier proposes it; <see cref="Proposed"/> null is a removal.</summary>
public sealed record DraftFiche(string FicheId, Fiche? Proposed, bool Finalized);

/// <summary>The open dossier of an EG: its drafts are never visible to FHIR consumers.</summary>
public sealed record Dossier(string Id, DossierStatus Status, string OpenedBy, DateTimeOffset OpenedAt)
{
    public ImmutableSortedDictionary<string, DraftFiche> Drafts { get; init; } =
        ImmutableSortedDictionary.Create<string, DraftFiche>(StringComparer.Ordinal);

    /// <summary>The structure as it would be published if this dossier were accepted.</summary>
    public ImmutableSortedDictionary<string, Fiche> Apply(ImmutableSortedDictionary<string, Fiche> published) =>
        Drafts.Values.Aggregate(published, (fiches, draft) => draft.Proposed is null
            ? fiches.Remove(draft.FicheId)
            : fiches.SetItem(draft.FicheId, draft.Proposed));
}
