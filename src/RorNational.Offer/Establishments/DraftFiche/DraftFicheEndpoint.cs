using JasperFx.Events;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Domain.Establishments.Structure;
using RorNational.Offer.ApiRights;
using RorNational.Offer.Http;
using RorNational.ReferenceData;
using Wolverine.Http;
using Wolverine.Marten;

namespace RorNational.Offer.Establishments.DraftFiche;

/// <summary>A fiche as sent by an editor; its id is in the route. The type is required (no default).</summary>
public sealed record FicheBody(FicheType? Type, string? Name, string? ParentId, UODescription? UO, LieuDescription? Lieu)
{
    /// <summary>A pôle's, service's or UF's own dates and closure type.</summary>
    public OrganisationDescription? Organisation { get; init; }

    public Fiche ToFiche(string id) =>
        new(id, Type ?? throw CommandRejected.Because(RejectionKind.Invalid, "is required: one of Pole, Service, UF, UO, Lieu", "type"), Name, ParentId)
        {
            UO = UO,
            Lieu = Lieu,
            Organisation = Organisation,
        };
}

/// <summary>An editor proposes a fiche in the open dossier: new, changed or moved.</summary>
public static class DraftFicheEndpoint
{
    [WolverinePut("/api/establishments/{egId}/dossiers/{dossierId}/fiches/{ficheId}")]
    [Requires(Right.EditorOfEstablishment)]
    public static (CommandResult, Events) Put(string dossierId, string ficheId, [StrictJsonBody] FicheBody command,
        [WriteAggregate("egId", Required = false)] IEventStream<EG> stream, HttpContext http, TimeProvider clock,
        Territory territory, Terminology terminology) =>
        CommandResult.Of(stream, DossierDecisions.Draft(stream.Aggregate!, dossierId, command.ToFiche(ficheId), territory.IsKnownCommune,
            terminology, Actors.Of(http), clock.GetUtcNow()), http);
}
