using Marten;
using RorNational.Domain.Common;
using RorNational.Offer.ApiRights;
using Wolverine.Http;

namespace RorNational.Offer.History;

public static class GetEstablishmentTimelineEndpoint
{
    /// <summary>Eventually consistent: it lags the commands by the async daemon's delay. Auditors, and the EG's editors and validators.</summary>
    [WolverineGet("/api/establishments/{establishmentId}/timeline")]
    [Requires(Right.ReaderOfEstablishment)]
    public static async Task<EstablishmentTimeline> Get(string establishmentId, IQuerySession session, CancellationToken cancellation) =>
        await session.LoadAsync<EstablishmentTimeline>(establishmentId, cancellation)
        ?? throw CommandRejected.Because(RejectionKind.NotFound, $"no establishment has the id {establishmentId}");
}
