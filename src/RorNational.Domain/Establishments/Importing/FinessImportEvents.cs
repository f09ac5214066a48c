using RorNational.Domain.Common;

namespace RorNational.Domain.Establishments.Importing;

// One stream per import ("finess-import-<id>"): who imported which extract, when, and what
// it changed. The establishments' own events carry the same actor.

/// <param name="ClosuresConfirmed">The importer asked for every closure, beyond the closure guard's share (false in older events).</param>
public sealed record FinessImportStarted(string ImportId, string Format, DateOnly? ExtractDate, bool FullExtract, Actor By, DateTimeOffset At,
    bool ClosuresConfirmed = false)
    : IDomainEvent;

/// <param name="ClosuresWithheld">
/// The absent EGs left open because they were more than the share closed without
/// confirmation (0 in events stored before the guard).
/// </param>
public sealed record FinessImportCompleted(
    string ImportId, int Registered, int Updated, int Reopened, int Unchanged, int Closed, int Rejected, Actor By, DateTimeOffset At,
    int ClosuresWithheld = 0)
    : IDomainEvent;

public sealed record FinessImportFailed(string ImportId, string Reason, Actor By, DateTimeOffset At) : IDomainEvent;
