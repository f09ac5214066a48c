using JasperFx.Events;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using RorNational.Offer.ApiRights;
using RorNational.Offer.Http;
using RorNational.ReferenceData;
using Wolverine.Http;
using Wolverine.Marten;

namespace RorNational.Offer.Establishments.RegisterEstablishment;

using RegisterEstablishment = Domain.Establishments.Registering.RegisterEstablishment;
using EstablishmentRegistration = Domain.Establishments.Registering.EstablishmentRegistration;

/// <summary>The ids of the registered establishment and whether anything changed.</summary>
public sealed record RegistrationResult(string EJ, string EG, bool Changed);

/// <summary>
/// An admin records an EJ and one of its EGs as FINESS publishes them: both streams are
/// fetched for writing by Wolverine (their ids taken from the checked body), the decision is
/// appended to each, and Wolverine commits.
/// </summary>
public static class RegisterEstablishmentEndpoint
{
    /// <summary>201 when the EG is new, 200 when it was known (updated or unchanged).</summary>
    [WolverinePost("/api/establishments")]
    [Requires(Right.Admin)]
    public static IResult Post([StrictJsonBody] RegisterEstablishment command,
        [WriteAggregate(FromMethod = nameof(EJStream), Required = false)] IEventStream<EJ> ej,
        [WriteAggregate(FromMethod = nameof(EGStream), Required = false)] IEventStream<EG> eg,
        HttpContext http, TimeProvider clock, Territory territory)
    {
        var decision = EstablishmentRegistration.Decide(command, ej.Aggregate, eg.Aggregate, territory.IsKnownCommune, Actors.Of(http), clock.GetUtcNow());
        ej.AppendMany(decision.EJEvents);
        eg.AppendMany(decision.EGEvents);
        var body = new RegistrationResult(ej.Key!, eg.Key!, !decision.ChangesNothing);
        return eg.Aggregate is null ? Results.Created($"/fhir/Organization/{eg.Key}", body) : Results.Ok(body);
    }

    /// <summary>The EJ's stream, once the command is checked: an incomplete command loads nothing.</summary>
    public static string EJStream(RegisterEstablishment command, Territory territory) =>
        EstablishmentIds.EJ(Checked(command, territory).EJ!.Finess);

    /// <summary>The EG's stream, once the command is checked.</summary>
    public static string EGStream(RegisterEstablishment command, Territory territory) =>
        EstablishmentIds.EG(Checked(command, territory).EG!.Finess);

    private static RegisterEstablishment Checked(RegisterEstablishment command, Territory territory)
    {
        CommandRejected.ThrowIfAny(command.Check(territory.IsKnownCommune));
        return command;
    }
}
