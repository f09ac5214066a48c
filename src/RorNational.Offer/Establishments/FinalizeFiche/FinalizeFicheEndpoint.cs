using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Domain.Practitioners;
using RorNational.Offer.ApiRights;
using RorNational.Offer.Practitioners;
using RorNational.ReferenceData;
using Wolverine.Http;
using Wolverine.Marten;

namespace RorNational.Offer.Establishments.FinalizeFiche;

/// <summary>
/// An editor declares a drafted fiche complete: it is checked whole, then ready for submission.
/// A UO's professionals' roles must each name a recorded professional (422 otherwise): professionals
/// are never removed, so a finalized fiche stays publishable.
/// </summary>
public static class FinalizeFicheEndpoint
{
    [WolverinePost("/api/establishments/{egId}/dossiers/{dossierId}/fiches/{ficheId}/finalize")]
    [Requires(Right.EditorOfEstablishment)]
    public static async Task<(CommandResult, Events)> Post(string dossierId, string ficheId,
        [WriteAggregate("egId", Required = false)] IEventStream<EG> stream, HttpContext http, TimeProvider clock,
        Territory territory, Terminology terminology, IDocumentSession session, CancellationToken cancellation)
    {
        var decided = DossierDecisions.Finalize(stream.Aggregate!, dossierId, ficheId, territory.IsKnownCommune, terminology,
            Actors.Of(http), clock.GetUtcNow());
        if (decided.Length > 0 && stream.Aggregate!.OpenDossier?.Drafts[ficheId].Proposed?.UO is { } uo)
        {
            var roles = uo.Content.PractitionerRoles;
            PractitionerRoleChecks.RequireRecorded(roles, await RecordedPractitioners.AmongAsync(session, roles.Select(r => r.Rpps), cancellation), "uo.content.");
        }
        return CommandResult.Of(stream, decided, http);
    }
}
