using JasperFx.Events;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Editing;
using RorNational.Domain.Establishments.Structure;
using RorNational.Offer.ApiRights;
using RorNational.Offer.Http;
using Wolverine.Http;
using Wolverine.Marten;

namespace RorNational.Offer.Establishments.EditLieuContent;

/// <summary>
/// An editor replaces a published lieu's content without a dossier (the body is the whole
/// <see cref="LieuContent"/>): its status, description, aliases, telecoms, equipment and
/// residential capacity. Its function, address and identifiers change only by dossier.
/// </summary>
public static class EditLieuContentEndpoint
{
    [WolverinePut("/api/establishments/{egId}/lieux/{lieuId}/content")]
    [Requires(Right.EditorOfEstablishment)]
    public static (CommandResult, Events) Put(string lieuId, [StrictJsonBody] LieuContent command,
        [WriteAggregate("egId", Required = false)] IEventStream<EG> stream, HttpContext http, TimeProvider clock, Terminology terminology) =>
        CommandResult.Of(stream, DirectEditDecisions.EditLieuContent(stream.Aggregate!, lieuId, command, terminology, Actors.Of(http), clock.GetUtcNow()), http);
}
