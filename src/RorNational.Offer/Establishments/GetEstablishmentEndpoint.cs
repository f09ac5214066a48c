using Marten;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using RorNational.Offer.ApiRights;
using Wolverine.Http;

namespace RorNational.Offer.Establishments;

public static class GetEstablishmentEndpoint
{
    /// <summary>
    /// The EG as its editors see it: FINESS data, published fiches and the open dossier with
    /// its drafts, from the inline snapshot; the ETag is the stream version commands expect in If-Match.
    /// Auditors, and the EG's editors and validators.
    /// </summary>
    [WolverineGet("/api/establishments/{egId}")]
    [Requires(Right.ReaderOfEstablishment)]
    public static async Task<EG> Get(string egId, IQuerySession session, HttpContext http, CancellationToken cancellation)
    {
        var eg = await session.LoadAsync<EG>(egId, cancellation)
            ?? throw CommandRejected.Because(RejectionKind.NotFound, $"no establishment has the id {egId}");
        var stream = await session.Events.FetchStreamStateAsync(egId, cancellation);
        http.Response.Headers.ETag = $"W/\"{stream?.Version ?? 0}\"";
        return eg;
    }
}
