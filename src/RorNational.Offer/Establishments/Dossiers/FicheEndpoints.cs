using Marten;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Domain.Establishments.Structure;
using RorNational.Domain.Common;
using RorNational.Offer.ApiRights;
using RorNational.Offer.Http;
using RorNational.ReferenceData;
using Wolverine.Http;

namespace RorNational.Offer.Establishments.Dossiers;

/// <summary>A fiche as sent by an editor; its id is in the route. The type is required (no default).</summary>
public sealed record FicheBody(FicheType? Type, string? Name, string? ParentId, UODescription? UO, LieuDescription? Lieu)
{
    public Fiche ToFiche(string id) =>
        new(id, Type ?? throw CommandRejected.Because(RejectionKind.Invalid, "is required: one of Pole, Service, UF, UO, Lieu", "type"), Name, ParentId)
        {
            UO = UO,
            Lieu = Lieu,
        };
}

/// <summary>Drafting in a dossier: propose a fiche (new, changed or moved), propose a removal, finalize.</summary>
public static class FicheEndpoints
{
    [WolverinePut("/api/establishments/{egId}/dossiers/{dossierId}/fiches/{ficheId}")]
    [Requires(Right.EditorOfEstablishment)]
    public static async Task<CommandResult> Draft(string egId, string dossierId, string ficheId, IDocumentSession session, HttpContext http,
        TimeProvider clock, Territory territory, Terminology terminology, CancellationToken cancellation)
    {
        var fiche = (await JsonBody.ReadAsync<FicheBody>(http.Request, cancellation)).ToFiche(ficheId);
        return await EstablishmentCommands.DecideAsync(session, http, egId,
            eg => DossierDecisions.Draft(eg, dossierId, fiche, territory.IsKnownCommune, terminology, Actors.Of(http), clock.GetUtcNow()), cancellation);
    }

    [WolverineDelete("/api/establishments/{egId}/dossiers/{dossierId}/fiches/{ficheId}")]
    [Requires(Right.EditorOfEstablishment)]
    public static Task<CommandResult> DraftRemoval(string egId, string dossierId, string ficheId, IDocumentSession session, HttpContext http,
        TimeProvider clock, CancellationToken cancellation)
    {
        return EstablishmentCommands.DecideAsync(session, http, egId,
            eg => DossierDecisions.DraftRemoval(eg, dossierId, ficheId, Actors.Of(http), clock.GetUtcNow()), cancellation);
    }

    [WolverinePost("/api/establishments/{egId}/dossiers/{dossierId}/fiches/{ficheId}/finalize")]
    [Requires(Right.EditorOfEstablishment)]
    public static Task<CommandResult> Finalize(string egId, string dossierId, string ficheId, IDocumentSession session, HttpContext http,
        TimeProvider clock, Territory territory, Terminology terminology, CancellationToken cancellation)
    {
        return EstablishmentCommands.DecideAsync(session, http, egId,
            eg => DossierDecisions.Finalize(eg, dossierId, ficheId, territory.IsKnownCommune, terminology, Actors.Of(http), clock.GetUtcNow()), cancellation);
    }
}
