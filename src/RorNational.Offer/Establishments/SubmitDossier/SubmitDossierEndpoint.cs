using JasperFx.Events;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Offer.ApiRights;
using Wolverine.Http;
using Wolverine.Marten;

namespace RorNational.Offer.Establishments.SubmitDossier;

/// <summary>An editor submits the open dossier to the validators of the EG's région.</summary>
public static class SubmitDossierEndpoint
{
    [WolverinePost("/api/establishments/{egId}/dossiers/{dossierId}/submit")]
    [Requires(Right.EditorOfEstablishment)]
    public static (CommandResult, Events) Post(string dossierId, [WriteAggregate("egId", Required = false)] IEventStream<EG> stream,
        HttpContext http, TimeProvider clock) =>
        CommandResult.Of(stream, DossierDecisions.Submit(stream.Aggregate!, dossierId, Actors.Of(http), clock.GetUtcNow()), http);
}
