using RorNational.Domain.Common;
using RorNational.Domain.Establishments.Editing;

namespace RorNational.Domain.Establishments.Importing;

/// <summary>What importing one establishment line appends to its EJ and EG streams.</summary>
public sealed record ImportDecision(IReadOnlyList<IDomainEvent> EJEvents, IReadOnlyList<IDomainEvent> EGEvents, ImportOutcome Outcome);

public enum ImportOutcome { Registered, Updated, Reopened, Unchanged }

/// <summary>
/// FINESS extracts are the authority for administrative data. A line emits events only for
/// real changes, so importing the same file twice emits nothing. Coordinates are the one
/// exception: an extract sets them, never erases them.
/// </summary>
public static class FinessImportDecisions
{
    /// <param name="ejData">The EJ's data when the extract carries them; etalab EG extracts name the EJ only by number.</param>
    public static ImportDecision Decide(EJ? ej, EG? eg, EJAdministrativeData? ejData, EGAdministrativeData egData, Actor by, DateTimeOffset now)
    {
        IDomainEvent[] ejEvents = (ej, ejData) switch
        {
            (null, null) => [new EJRegistered(new EJAdministrativeData(egData.EJFiness, null), by, now)],
            (null, _) => [new EJRegistered(ejData, by, now)],
            (_, null) => [],
            _ when ej.Data == ejData => [],
            _ => [new EJAdministrativeDataUpdated(ejData with { LegalName = ejData.LegalName ?? ej.Data.LegalName }, by, now)],
        };
        if (eg is null) return new ImportDecision(ejEvents, [new EGRegistered(egData, by, now)], ImportOutcome.Registered);

        // An extract without a readable position for the EG (no geolocation line, a cut file,
        // the cs1100502 extract, coordinates in an unknown system) keeps the known one.
        if (egData.Coordinates is null && eg.Data.Coordinates is { } known) egData = egData with { Coordinates = known };
        var egEvents = new List<IDomainEvent>();
        if (eg.Data != egData) egEvents.Add(new EGAdministrativeDataUpdated(egData, by, now));
        if (eg.Closed) egEvents.Add(new EGReopened(by, now));
        var outcome = eg.Closed ? ImportOutcome.Reopened : egEvents.Count > 0 ? ImportOutcome.Updated : ImportOutcome.Unchanged;
        return new ImportDecision(ejEvents, egEvents, outcome);
    }

    /// <summary>An EG absent from a full extract has left FINESS.</summary>
    public static IDomainEvent[] CloseAbsent(EG eg, DateOnly? extractDate, Actor by, DateTimeOffset now) => eg.Closed
        ? []
        : [new EGClosed($"absent from the full FINESS extract of {extractDate?.ToString("yyyy-MM-dd") ?? "unknown date"}", by, now)];
}
