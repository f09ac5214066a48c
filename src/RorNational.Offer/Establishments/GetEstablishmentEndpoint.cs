using Marten;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using Wolverine.Http;

namespace RorNational.Offer.Establishments;

public static class GetEstablishmentEndpoint
{
    /// <summary>The EG as its editors see it: FINESS data, published fiches and the open dossier with its drafts.</summary>
    [WolverineGet("/api/establishments/{egId}")]
    public static async Task<EG> Get(string egId, IDocumentSession session, HttpContext http, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<EG>(egId, cancellation);
        var eg = stream.Aggregate ?? throw CommandRejected.Because(RejectionKind.NotFound, $"no establishment has the id {egId}");
        http.Response.Headers.ETag = $"W/\"{stream.StartingVersion ?? 0}\"";
        return eg;
    }
}
