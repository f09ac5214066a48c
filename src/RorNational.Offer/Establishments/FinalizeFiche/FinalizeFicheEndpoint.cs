using JasperFx.Events;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Offer.ApiRights;
using RorNational.ReferenceData;
using Wolverine.Http;
using Wolverine.Marten;

namespace RorNational.Offer.Establishments.FinalizeFiche;

/// <summary>An editor declares a drafted fiche complete: it is checked whole, then ready for submission.</summary>
public static class FinalizeFicheEndpoint
{
    [WolverinePost("/api/establishments/{egId}/dossiers/{dossierId}/fiches/{ficheId}/finalize")]
    [Requires(Right.EditorOfEstablishment)]
    public static (CommandResult, Events) Post(string dossierId, string ficheId,
        [WriteAggregate("egId", Required = false)] IEventStream<EG> stream, HttpContext http, TimeProvider clock,
        Territory territory, Terminology terminology) =>
        CommandResult.Of(stream, DossierDecisions.Finalize(stream.Aggregate!, dossierId, ficheId, territory.IsKnownCommune, terminology,
            Actors.Of(http), clock.GetUtcNow()), http);
}
