using RorNational.Domain.Common;
using RorNational.Domain.Establishments.Structure;

namespace RorNational.Domain.Establishments.Editing;

/// <summary>Content of a published UO (hours, contacts, age range...) edited without a dossier.</summary>
public sealed record UOContentEdited(string UOId, UOContent Content, Actor By, DateTimeOffset At) : IDomainEvent;

/// <summary>Content of a published lieu (status, equipment, telecoms...) edited without a dossier: the whole content as it now stands.</summary>
public sealed record LieuContentEdited(string LieuId, LieuContent Content, Actor By, DateTimeOffset At) : IDomainEvent;

/// <summary>The establishment's own name for itself (nom opérationnel), beside FINESS's.</summary>
public sealed record EGOperationalNameChanged(string? OperationalName, Actor By, DateTimeOffset At) : IDomainEvent;

/// <summary>The EG left FINESS (absent from a full extract): its offer is no longer published as active.</summary>
public sealed record EGClosed(string Reason, Actor By, DateTimeOffset At) : IDomainEvent;

public sealed record EGReopened(Actor By, DateTimeOffset At) : IDomainEvent;

/// <summary>
/// The EG's own description (prices, crisis data, accessibility, social help, closure) after a
/// direct edit: the whole description as it now stands, so that replaying it needs no merge.
/// </summary>
public sealed record EGDescriptionChanged(EGDescription Description, Actor By, DateTimeOffset At) : IDomainEvent;
