using RorNational.Domain.Common;
using RorNational.Domain.Establishments.Structure;

namespace RorNational.Domain.Establishments.Dossiers;

// A collaborative dossier lives in its EG's stream, so that an establishment's whole history
// reads in order and a second dossier cannot open while one is open. Only DossierAccepted
// changes what is published; it carries every change it publishes.

public sealed record DossierOpened(string DossierId, Actor By, DateTimeOffset At) : IDomainEvent;

/// <summary>The dossier proposes this fiche: a new unit, or a change or a move of a published one.</summary>
public sealed record FicheDrafted(string DossierId, Fiche Proposed, Actor By, DateTimeOffset At) : IDomainEvent;

/// <summary>The dossier proposes that this fiche not exist: removal of a published one, or a draft withdrawn.</summary>
public sealed record FicheRemovalDrafted(string DossierId, string FicheId, Actor By, DateTimeOffset At) : IDomainEvent;

public sealed record FicheFinalized(string DossierId, string FicheId, Actor By, DateTimeOffset At) : IDomainEvent;

public sealed record DossierSubmitted(string DossierId, Actor By, DateTimeOffset At) : IDomainEvent;

/// <summary>What an accepted dossier publishes for one fiche; <see cref="Published"/> null is a removal.</summary>
public sealed record FicheChange(string FicheId, Fiche? Published);

public sealed record DossierAccepted(string DossierId, string? Reason, IReadOnlyList<FicheChange> Changes, Actor By, DateTimeOffset At)
    : IDomainEvent;

public sealed record DossierRejected(string DossierId, string Reason, Actor By, DateTimeOffset At) : IDomainEvent;
