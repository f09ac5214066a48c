using Marten;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Fhir.Auditing.Recording;
using RorNational.Offer.ApiRights;
using Wolverine.Http;

namespace RorNational.Offer.History;

public static class GetEstablishmentTimelineEndpoint
{
    /// <summary>Eventually consistent: it lags the commands by the async daemon's delay. Auditors (their reads recorded), and the EG's editors and validators.</summary>
    [WolverineGet("/api/establishments/{establishmentId}/timeline")]
    [Requires(Right.ReaderOfEstablishment)]
    public static async Task<EstablishmentTimeline> Get(string establishmentId, IQuerySession session, HttpContext http, ReadAudit audit, CancellationToken cancellation)
    {
        var timeline = await session.LoadAsync<EstablishmentTimeline>(establishmentId, cancellation)
            ?? throw CommandRejected.Because(RejectionKind.NotFound, $"no establishment has the id {establishmentId}");
        await audit.RecordApiReadAsync(http);
        return timeline;
    }
}
