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

namespace RorNational.Offer.Establishments.EditUOContent;

/// <summary>An editor replaces a published UO's content without a dossier (the body is the whole <see cref="UOContent"/>).</summary>
public static class EditUOContentEndpoint
{
    [WolverinePut("/api/establishments/{egId}/uo/{uoId}/content")]
    [Requires(Right.EditorOfEstablishment)]
    public static (CommandResult, Events) Put(string uoId, [StrictJsonBody] UOContent command,
        [WriteAggregate("egId", Required = false)] IEventStream<EG> stream, HttpContext http, TimeProvider clock, Terminology terminology) =>
        CommandResult.Of(stream, DirectEditDecisions.EditContent(stream.Aggregate!, uoId, command, terminology, Actors.Of(http), clock.GetUtcNow()), http);
}
