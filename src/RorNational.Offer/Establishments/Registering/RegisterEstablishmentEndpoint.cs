using Marten;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Registering;
using RorNational.Offer.ApiRights;
using RorNational.Offer.Http;
using RorNational.ReferenceData;
using Wolverine.Http;

namespace RorNational.Offer.Establishments.Registering;

/// <summary>The ids of the registered establishment and whether anything changed.</summary>
public sealed record RegistrationResult(string EJ, string EG, bool Changed);

public static class RegisterEstablishmentEndpoint
{
    /// <summary>
    /// 201 when the EG is new, 200 when it was known (updated or unchanged); the events are
    /// committed before the answer is written.
    /// </summary>
    [WolverinePost("/api/establishments")]
    [Requires(Right.Admin)]
    public static async Task<IResult> Post(
        HttpContext http, IDocumentSession session, TimeProvider clock, Territory territory, CancellationToken cancellation)
    {
        var command = await JsonBody.ReadAsync<RegisterEstablishment>(http.Request, cancellation);
        CommandRejected.ThrowIfAny(command.Check(territory.IsKnownCommune));
        var ejId = EstablishmentIds.EJ(command.EJ!.Finess);
        var egId = EstablishmentIds.EG(command.EG!.Finess);
        var ej = await session.Events.FetchForWriting<EJ>(ejId, cancellation);
        var eg = await session.Events.FetchForWriting<EG>(egId, cancellation);

        var decision = EstablishmentRegistration.Decide(command, ej.Aggregate, eg.Aggregate, territory.IsKnownCommune, Actors.Of(http), clock.GetUtcNow());
        ej.AppendMany(decision.EJEvents);
        eg.AppendMany(decision.EGEvents);
        await session.SaveChangesAsync(cancellation);

        var body = new RegistrationResult(ejId, egId, !decision.ChangesNothing);
        return eg.Aggregate is null ? Results.Created($"/fhir/Organization/{egId}", body) : Results.Ok(body);
    }
}
