using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Editing;
using RorNational.Domain.Establishments.Structure;
using RorNational.Domain.Practitioners;
using RorNational.Offer.ApiRights;
using RorNational.Offer.Http;
using RorNational.Offer.Practitioners;
using Wolverine.Http;
using Wolverine.Marten;

namespace RorNational.Offer.Establishments.EditUOContent;

/// <summary>
/// An editor replaces a published UO's content without a dossier (the body is the whole <see cref="UOContent"/>).
/// Its professionals' roles are published at once: each must name a recorded professional (422 otherwise).
/// </summary>
public static class EditUOContentEndpoint
{
    [WolverinePut("/api/establishments/{egId}/uo/{uoId}/content")]
    [Requires(Right.EditorOfEstablishment)]
    public static async Task<(CommandResult, Events)> Put(string uoId, [StrictJsonBody] UOContent command,
        [WriteAggregate("egId", Required = false)] IEventStream<EG> stream, HttpContext http, TimeProvider clock, Terminology terminology,
        IDocumentSession session, CancellationToken cancellation)
    {
        var decided = DirectEditDecisions.EditContent(stream.Aggregate!, uoId, command, terminology, Actors.Of(http), clock.GetUtcNow());
        var roles = command.PractitionerRoles;
        PractitionerRoleChecks.RequireRecorded(roles, await RecordedPractitioners.AmongAsync(session, roles.Select(r => r.Rpps), cancellation));
        return CommandResult.Of(stream, decided, http);
    }
}
