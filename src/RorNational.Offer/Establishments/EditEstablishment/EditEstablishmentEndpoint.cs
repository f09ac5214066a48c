using System.Text.Json;
using JasperFx.Events;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Editing;
using RorNational.Offer.ApiRights;
using RorNational.Offer.Http;
using Wolverine.Http;
using Wolverine.Marten;

namespace RorNational.Offer.Establishments.EditEstablishment;

/// <summary>
/// An editor changes the EG's own fields with a merge patch (operational name, prices, ORSAN level, drop zone...):
/// FINESS-owned ones are refused with 422.
/// </summary>
public static class EditEstablishmentEndpoint
{
    [WolverinePatch("/api/establishments/{egId}")]
    [Requires(Right.EditorOfEstablishment)]
    public static (CommandResult, Events) Patch([StrictJsonBody] Dictionary<string, JsonElement> command,
        [WriteAggregate("egId", Required = false)] IEventStream<EG> stream, HttpContext http, TimeProvider clock, Terminology terminology) =>
        CommandResult.Of(stream, DirectEditDecisions.EditEstablishment(stream.Aggregate!, command, terminology, Actors.Of(http), clock.GetUtcNow()), http);
}
