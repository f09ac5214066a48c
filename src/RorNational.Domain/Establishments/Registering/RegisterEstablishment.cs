using RorNational.Domain.Common;

namespace RorNational.Domain.Establishments.Registering;

/// <summary>
/// Records an establishment's administrative data as FINESS publishes them: its EJ and one EG.
/// FINESS is the authority, so a registration of known numbers with other data updates them,
/// and a repeated registration with the same data changes nothing.
/// </summary>
public sealed record RegisterEstablishment(EJAdministrativeData? EJ, EGAdministrativeData? EG)
{
    /// <summary>
    /// The administrative data's own checks, and the EG's commune: required and known to the
    /// reference data (<paramref name="isKnownCommune"/>), since the commune's région is the one
    /// that validates the EG's dossiers.
    /// </summary>
    public IReadOnlyList<Problem> Check(Func<string, bool> isKnownCommune)
    {
        var checks = new FieldChecks();
        if (EJ is null) checks.Missing("ej");
        else checks.Nested("ej", EJ.Check()).Nested("ej", new FieldChecks().Required(EJ.LegalName, "legalName").Problems);
        if (EG is null) return checks.Missing("eg").Problems;
        checks.Nested("eg", EG.Check());
        if (EG.Address is { } address)
        {
            if (address.CommuneCog is null) checks.Missing("eg.address.communeCog", "is required: its région validates the establishment");
            else if (FieldChecks.CommuneCog().IsMatch(address.CommuneCog) && !isKnownCommune(address.CommuneCog))
                checks.Wrong("eg.address.communeCog", $"{address.CommuneCog} is not a commune of the reference data (INSEE COG)");
        }
        return checks.Problems;
    }
}

/// <summary>What a registration appends to each stream; empty lists when nothing changed.</summary>
public sealed record RegistrationDecision(IReadOnlyList<IDomainEvent> EJEvents, IReadOnlyList<IDomainEvent> EGEvents)
{
    public bool ChangesNothing => EJEvents.Count == 0 && EGEvents.Count == 0;
}

public static class EstablishmentRegistration
{
    /// <summary>
    /// Decides the events of a registration. The EG's EJ is always the command's EJ, so a
    /// command whose EG names another EJ is refused rather than guessed.
    /// </summary>
    public static RegistrationDecision Decide(
        RegisterEstablishment command, EJ? ej, EG? eg, Func<string, bool> isKnownCommune, Actor by, DateTimeOffset now)
    {
        CommandRejected.ThrowIfAny(command.Check(isKnownCommune));
        var ejData = command.EJ!;
        var egData = command.EG!;
        if (egData.EJFiness != ejData.Finess)
            throw CommandRejected.Because(RejectionKind.Invalid,
                $"must be the FINESS number of the EJ given in ej.finess ({ejData.Finess})", "eg.ejFiness");

        IDomainEvent[] ejEvents = ej switch
        {
            null => [new EJRegistered(ejData, by, now)],
            _ when ej.Data == ejData => [],
            _ => [new EJAdministrativeDataUpdated(ejData, by, now)],
        };
        IDomainEvent[] egEvents = eg switch
        {
            null => [new EGRegistered(egData, by, now)],
            _ when eg.Data == egData => [],
            _ => [new EGAdministrativeDataUpdated(egData, by, now)],
        };
        return new RegistrationDecision(ejEvents, egEvents);
    }
}
