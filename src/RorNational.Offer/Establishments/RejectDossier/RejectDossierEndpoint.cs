using JasperFx.Events;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Offer.ApiRights;
using RorNational.Offer.Http;
using Wolverine.Http;
using Wolverine.Marten;

namespace RorNational.Offer.Establishments.RejectDossier;

/// <summary>A validator's rejection: the reason is required (the decider says so, naming "reason").</summary>
public sealed record RejectDossier(string? Reason);

/// <summary>A validator of the EG's région rejects the submitted dossier: nothing is published, the dossier closes.</summary>
public static class RejectDossierEndpoint
{
    [WolverinePost("/api/establishments/{egId}/dossiers/{dossierId}/reject")]
    [Requires(Right.ValidatorOfEstablishmentRegion)]
    public static (CommandResult, Events) Post(string dossierId, [StrictJsonBody(Optional = true)] RejectDossier? command,
        [WriteAggregate("egId", Required = false)] IEventStream<EG> stream, HttpContext http, TimeProvider clock) =>
        CommandResult.Of(stream,
            DossierDecisions.Reject(stream.Aggregate!, dossierId, command?.Reason, Actors.Of(http), clock.GetUtcNow()), http);
}
