using RorNational.Domain.Common;

namespace RorNational.Domain.Practitioners;

/// <summary>A professional recorded for the first time, by RPPS number.</summary>
public sealed record PractitionerRecorded(string Rpps, PractitionerIdentity Identity, Actor By, DateTimeOffset At) : IDomainEvent;

/// <summary>The recorded identity of a professional replaced by a new one (the whole identity).</summary>
public sealed record PractitionerIdentityChanged(string Rpps, PractitionerIdentity Identity, Actor By, DateTimeOffset At) : IDomainEvent;
