using JasperFx.Events;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Offer.ApiRights;
using Wolverine.Http;
using Wolverine.Marten;

namespace RorNational.Offer.Establishments.DraftFicheRemoval;

/// <summary>An editor proposes, in the open dossier, to remove a published fiche (or withdraws a new one).</summary>
public static class DraftFicheRemovalEndpoint
{
    [WolverineDelete("/api/establishments/{egId}/dossiers/{dossierId}/fiches/{ficheId}")]
    [Requires(Right.EditorOfEstablishment)]
    public static (CommandResult, Events) Delete(string dossierId, string ficheId,
        [WriteAggregate("egId", Required = false)] IEventStream<EG> stream, HttpContext http, TimeProvider clock) =>
        CommandResult.Of(stream, DossierDecisions.DraftRemoval(stream.Aggregate!, dossierId, ficheId, Actors.Of(http), clock.GetUtcNow()), http);
}
