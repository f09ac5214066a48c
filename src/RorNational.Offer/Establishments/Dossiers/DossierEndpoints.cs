using Marten;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Offer.ApiRights;
using RorNational.Offer.Http;
using Wolverine.Http;

namespace RorNational.Offer.Establishments.Dossiers;

/// <summary>A validator's decision; a rejection needs a reason.</summary>
public sealed record Decision(string? Reason);

/// <summary>The lifecycle of a collaborative dossier: open, submit, accept, reject.</summary>
public static class DossierEndpoints
{
    [WolverinePost("/api/establishments/{egId}/dossiers")]
    [Requires(Right.EditorOfEstablishment)]
    public static async Task<IResult> Open(string egId, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken cancellation)
    {
        var dossierId = "d-" + Guid.NewGuid().ToString("N")[..12];
        var result = await EstablishmentCommands.DecideAsync(session, http, egId,
            eg => DossierDecisions.Open(eg, dossierId, Actors.Of(http), clock.GetUtcNow()), cancellation);
        return Results.Created($"/api/establishments/{egId}/dossiers/{dossierId}", new { dossierId, result.Version });
    }

    [WolverinePost("/api/establishments/{egId}/dossiers/{dossierId}/submit")]
    [Requires(Right.EditorOfEstablishment)]
    public static Task<CommandResult> Submit(string egId, string dossierId, IDocumentSession session, HttpContext http, TimeProvider clock,
        CancellationToken cancellation)
    {
        return EstablishmentCommands.DecideAsync(session, http, egId,
            eg => DossierDecisions.Submit(eg, dossierId, Actors.Of(http), clock.GetUtcNow()), cancellation);
    }

    [WolverinePost("/api/establishments/{egId}/dossiers/{dossierId}/accept")]
    [Requires(Right.ValidatorOfEstablishmentRegion)]
    public static async Task<CommandResult> Accept(string egId, string dossierId, IDocumentSession session, HttpContext http, TimeProvider clock,
        CancellationToken cancellation)
    {
        var decision = await OptionalBody(http, cancellation);
        return await EstablishmentCommands.DecideAsync(session, http, egId,
            eg => DossierDecisions.Accept(eg, dossierId, decision.Reason, Actors.Of(http), clock.GetUtcNow()), cancellation);
    }

    [WolverinePost("/api/establishments/{egId}/dossiers/{dossierId}/reject")]
    [Requires(Right.ValidatorOfEstablishmentRegion)]
    public static async Task<CommandResult> Reject(string egId, string dossierId, IDocumentSession session, HttpContext http, TimeProvider clock,
        CancellationToken cancellation)
    {
        var decision = await OptionalBody(http, cancellation);
        return await EstablishmentCommands.DecideAsync(session, http, egId,
            eg => DossierDecisions.Reject(eg, dossierId, decision.Reason, Actors.Of(http), clock.GetUtcNow()), cancellation);
    }

    private static async Task<Decision> OptionalBody(HttpContext http, CancellationToken cancellation) =>
        http.Request.ContentLength is null or 0 && !http.Request.Headers.ContainsKey("Transfer-Encoding")
            ? new Decision(null)
            : await JsonBody.ReadAsync<Decision>(http.Request, cancellation);
}
