using Marten;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Offer.Http;
using RorNational.ReferenceData;
using Wolverine.Http;

namespace RorNational.Offer.Establishments.Dossiers;

/// <summary>A validator's decision; a rejection needs a reason.</summary>
public sealed record Decision(string? Reason);

/// <summary>The lifecycle of a collaborative dossier: open, submit, accept, reject.</summary>
public static class DossierEndpoints
{
    [WolverinePost("/api/establishments/{egId}/dossiers")]
    public static async Task<IResult> Open(string egId, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken cancellation)
    {
        Require.EditorOf(http, egId);
        var dossierId = "d-" + Guid.NewGuid().ToString("N")[..12];
        var result = await EstablishmentCommands.DecideAsync(session, http, egId,
            eg => DossierDecisions.Open(eg, dossierId, Actors.Of(http), clock.GetUtcNow()), cancellation);
        return Results.Created($"/api/establishments/{egId}/dossiers/{dossierId}", new { dossierId, result.Version });
    }

    [WolverinePost("/api/establishments/{egId}/dossiers/{dossierId}/submit")]
    public static Task<CommandResult> Submit(string egId, string dossierId, IDocumentSession session, HttpContext http, TimeProvider clock,
        CancellationToken cancellation)
    {
        Require.EditorOf(http, egId);
        return EstablishmentCommands.DecideAsync(session, http, egId,
            eg => DossierDecisions.Submit(eg, dossierId, Actors.Of(http), clock.GetUtcNow()), cancellation);
    }

    [WolverinePost("/api/establishments/{egId}/dossiers/{dossierId}/accept")]
    public static async Task<CommandResult> Accept(string egId, string dossierId, IDocumentSession session, HttpContext http, TimeProvider clock,
        Territory territory, CancellationToken cancellation)
    {
        await Require.ValidatorOfAsync(http, egId, session, territory, cancellation);
        var decision = await OptionalBody(http, cancellation);
        return await EstablishmentCommands.DecideAsync(session, http, egId,
            eg => DossierDecisions.Accept(eg, dossierId, decision.Reason, Actors.Of(http), clock.GetUtcNow()), cancellation);
    }

    [WolverinePost("/api/establishments/{egId}/dossiers/{dossierId}/reject")]
    public static async Task<CommandResult> Reject(string egId, string dossierId, IDocumentSession session, HttpContext http, TimeProvider clock,
        Territory territory, CancellationToken cancellation)
    {
        await Require.ValidatorOfAsync(http, egId, session, territory, cancellation);
        var decision = await OptionalBody(http, cancellation);
        return await EstablishmentCommands.DecideAsync(session, http, egId,
            eg => DossierDecisions.Reject(eg, dossierId, decision.Reason, Actors.Of(http), clock.GetUtcNow()), cancellation);
    }

    private static async Task<Decision> OptionalBody(HttpContext http, CancellationToken cancellation) =>
        http.Request.ContentLength is null or 0 && !http.Request.Headers.ContainsKey("Transfer-Encoding")
            ? new Decision(null)
            : await JsonBody.ReadAsync<Decision>(http.Request, cancellation);
}
