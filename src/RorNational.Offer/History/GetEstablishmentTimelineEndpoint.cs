using Marten;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.ReferenceData;
using Wolverine.Http;

namespace RorNational.Offer.History;

public static class GetEstablishmentTimelineEndpoint
{
    /// <summary>Eventually consistent: it lags the commands by the async daemon's delay. Auditors, and the EG's editors and validators.</summary>
    [WolverineGet("/api/establishments/{id}/timeline")]
    public static async Task<EstablishmentTimeline> Get(string id, IQuerySession session, HttpContext http, Territory territory,
        CancellationToken cancellation)
    {
        await Require.ReaderOfAsync(http, id, session, territory, cancellation);
        return await session.LoadAsync<EstablishmentTimeline>(id, cancellation)
               ?? throw CommandRejected.Because(RejectionKind.NotFound, $"no establishment has the id {id}");
    }
}
