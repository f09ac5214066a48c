using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments.Editing;
using RorNational.Domain.Establishments.Structure;
using RorNational.Offer.ApiRights;
using RorNational.Offer.Http;
using Wolverine.Http;

namespace RorNational.Offer.Establishments.Editing;

/// <summary>Edits without a dossier: a published UO's content, the EG's own fields.</summary>
public static class DirectEditEndpoints
{
    [WolverinePut("/api/establishments/{egId}/uo/{uoId}/content")]
    [Requires(Right.EditorOfEstablishment)]
    public static async Task<CommandResult> EditContent(string egId, string uoId, IDocumentSession session, HttpContext http,
        TimeProvider clock, Terminology terminology, CancellationToken cancellation)
    {
        var content = await JsonBody.ReadAsync<UOContent>(http.Request, cancellation);
        return await EstablishmentCommands.DecideAsync(session, http, egId,
            eg => DirectEditDecisions.EditContent(eg, uoId, content, terminology, Actors.Of(http), clock.GetUtcNow()), cancellation);
    }

    /// <summary>A merge patch of the EG's fields: FINESS-owned ones are refused with 422.</summary>
    [WolverinePatch("/api/establishments/{egId}")]
    [Requires(Right.EditorOfEstablishment)]
    public static async Task<CommandResult> EditEstablishment(string egId, IDocumentSession session, HttpContext http,
        TimeProvider clock, CancellationToken cancellation)
    {
        var patch = await JsonBody.ReadAsync<Dictionary<string, JsonElement>>(http.Request, cancellation);
        return await EstablishmentCommands.DecideAsync(session, http, egId,
            eg => DirectEditDecisions.EditEstablishment(eg, patch, Actors.Of(http), clock.GetUtcNow()), cancellation);
    }
}
