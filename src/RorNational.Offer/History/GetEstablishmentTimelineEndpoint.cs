using Marten;
using RorNational.Domain.Common;
using Wolverine.Http;

namespace RorNational.Offer.History;

public static class GetEstablishmentTimelineEndpoint
{
    /// <summary>Eventually consistent: it lags the commands by the async daemon's delay.</summary>
    [WolverineGet("/api/establishments/{id}/timeline")]
    public static async Task<EstablishmentTimeline> Get(string id, IQuerySession session, CancellationToken cancellation) =>
        await session.LoadAsync<EstablishmentTimeline>(id, cancellation)
        ?? throw CommandRejected.Because(RejectionKind.NotFound, $"no establishment has the id {id}");
}
