using JasperFx.Events;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Offer.ApiRights;
using RorNational.Offer.Http;
using Wolverine.Http;
using Wolverine.Marten;

namespace RorNational.Offer.Establishments.AcceptDossier;

/// <summary>A validator's acceptance, with an optional reason; the body itself is optional.</summary>
public sealed record AcceptDossier(string? Reason);

/// <summary>A validator of the EG's région accepts the submitted dossier: its fiches are published.</summary>
public static class AcceptDossierEndpoint
{
    [WolverinePost("/api/establishments/{egId}/dossiers/{dossierId}/accept")]
    [Requires(Right.ValidatorOfEstablishmentRegion)]
    public static (CommandResult, Events) Post(string dossierId, [StrictJsonBody(Optional = true)] AcceptDossier? command,
        [WriteAggregate("egId", Required = false)] IEventStream<EG> stream, HttpContext http, TimeProvider clock) =>
        CommandResult.Of(stream,
            DossierDecisions.Accept(stream.Aggregate!, dossierId, command?.Reason, Actors.Of(http), clock.GetUtcNow()), http);
}
