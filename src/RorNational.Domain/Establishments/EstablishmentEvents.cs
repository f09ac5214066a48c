using RorNational.Domain.Common;

namespace RorNational.Domain.Establishments;

// The EJ stream ("ej-<FINESS>") and the EG stream ("eg-<FINESS>") each hold their own
// administrative history. Stored names are pinned in EventCatalogue: never rename one.

public sealed record EJRegistered(EJAdministrativeData Data, Actor By, DateTimeOffset At) : IDomainEvent;

public sealed record EJAdministrativeDataUpdated(EJAdministrativeData Data, Actor By, DateTimeOffset At) : IDomainEvent;

public sealed record EGRegistered(EGAdministrativeData Data, Actor By, DateTimeOffset At) : IDomainEvent;

public sealed record EGAdministrativeDataUpdated(EGAdministrativeData Data, Actor By, DateTimeOffset At) : IDomainEvent;
