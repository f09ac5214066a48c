using RorNational.Domain.Common;

namespace RorNational.Domain.Establishments.Registering;

/// <summary>
/// Records an establishment's administrative data as FINESS publishes them: its EJ and one EG.
/// FINESS is the authority, so a registration of known numbers with other data updates them,
/// and a repeated registration with the same data changes nothing.
/// </summary>
public sealed record RegisterEstablishment(EJAdministrativeData? EJ, EGAdministrativeData? EG)
{
    public IReadOnlyList<Problem> Check()
    {
        var checks = new FieldChecks();
        if (EJ is null) checks.Missing("ej");
        else checks.Nested("ej", EJ.Check()).Nested("ej", new FieldChecks().Required(EJ.LegalName, "legalName").Problems);
        if (EG is null) checks.Missing("eg"); else checks.Nested("eg", EG.Check());
        return checks.Problems;
    }
}

/// <summary>What a registration appends to each stream; empty lists when nothing changed.</summary>
public sealed record RegistrationDecision(IReadOnlyList<object> EJEvents, IReadOnlyList<object> EGEvents)
{
    public bool ChangesNothing => EJEvents.Count == 0 && EGEvents.Count == 0;
}

public static class EstablishmentRegistration
{
    /// <summary>
    /// Decides the events of a registration. The EG's EJ is always the command's EJ, so a
    /// command whose EG names another EJ is refused rather than guessed.
    /// </summary>
    public static RegistrationDecision Decide(RegisterEstablishment command, EJ? ej, EG? eg, Actor by, DateTimeOffset now)
    {
        CommandRejected.ThrowIfAny(command.Check());
        var ejData = command.EJ!;
        var egData = command.EG!;
        if (egData.EJFiness != ejData.Finess)
            throw CommandRejected.Because(RejectionKind.Invalid,
                $"must be the FINESS number of the EJ given in ej.finess ({ejData.Finess})", "eg.ejFiness");

        object[] ejEvents = ej switch
        {
            null => [new EJRegistered(ejData, by, now)],
            _ when ej.Data == ejData => [],
            _ => [new EJAdministrativeDataUpdated(ejData, by, now)],
        };
        object[] egEvents = eg switch
        {
            null => [new EGRegistered(egData, by, now)],
            _ when eg.Data == egData => [],
            _ => [new EGAdministrativeDataUpdated(egData, by, now)],
        };
        return new RegistrationDecision(ejEvents, egEvents);
    }
}
