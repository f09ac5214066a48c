using JasperFx.Events;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Offer.ApiRights;
using Wolverine.Http;
using Wolverine.Marten;

namespace RorNational.Offer.Establishments.OpenDossier;

/// <summary>An editor opens the EG's collaborative dossier: 201 with its id and the EG's new version.</summary>
public static class OpenDossierEndpoint
{
    [WolverinePost("/api/establishments/{egId}/dossiers")]
    [Requires(Right.EditorOfEstablishment)]
    public static (IResult, Events) Post(string egId, [WriteAggregate("egId", Required = false)] IEventStream<EG> stream,
        HttpContext http, TimeProvider clock)
    {
        var dossierId = "d-" + Guid.NewGuid().ToString("N")[..12];
        var (result, events) = CommandResult.Of(stream,
            DossierDecisions.Open(stream.Aggregate!, dossierId, Actors.Of(http), clock.GetUtcNow()), http);
        return (Results.Created($"/api/establishments/{egId}/dossiers/{dossierId}", new { dossierId, result.Version }), events);
    }
}
