using Marten;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Fhir.Auditing.Recording;
using RorNational.Domain.Establishments;
using RorNational.Offer.ApiRights;
using Wolverine.Http;

namespace RorNational.Offer.Establishments;

public static class GetEstablishmentEndpoint
{
    /// <summary>
    /// The EG as its editors see it: FINESS data, published fiches and the open dossier with
    /// its drafts, from the inline snapshot; the ETag is the stream version commands expect in If-Match.
    /// Auditors (their reads recorded), and the EG's editors and validators.
    /// </summary>
    [WolverineGet("/api/establishments/{egId}")]
    [Requires(Right.ReaderOfEstablishment)]
    public static async Task<EG> Get(string egId, IQuerySession session, HttpContext http, ReadAudit audit, CancellationToken cancellation)
    {
        var eg = await session.LoadAsync<EG>(egId, cancellation)
            ?? throw CommandRejected.Because(RejectionKind.NotFound, $"no establishment has the id {egId}");
        var stream = await session.Events.FetchStreamStateAsync(egId, cancellation);
        http.Response.Headers.ETag = $"W/\"{stream?.Version ?? 0}\"";
        await audit.RecordApiReadAsync(http);
        return eg;
    }
}
