using Marten;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Fhir.Auditing.Recording;
using RorNational.Offer.ApiRights;
using Wolverine.Http;

namespace RorNational.Offer.History;

public static class GetEstablishmentTimelineEndpoint
{
    /// <summary>
    /// Every event of the establishment and of its lieux' capacity, in the order of the event
    /// sequence, filtered by <c>from</c> (inclusive) and <c>to</c> (exclusive) on the recorded time
    /// and by <c>kind</c> (<see cref="TimelineKinds"/>, comma-separated), paged by <c>_count</c>
    /// (100 by default, at most 1000) after the sequence <c>after</c> (the next link carries it).
    /// Eventually consistent: it lags the commands by the async daemon's delay. Auditors (their
    /// reads recorded), and the EG's editors and validators.
    /// </summary>
    [WolverineGet("/api/establishments/{establishmentId}/timeline")]
    [Requires(Right.ReaderOfEstablishment)]
    public static async Task<EstablishmentTimeline> Get(string establishmentId, IQuerySession session, HttpContext http, ReadAudit audit, CancellationToken cancellation)
    {
        var filter = TimelineFilter.Parse(http.Request.Query);
        if (await session.Events.FetchStreamStateAsync(establishmentId, cancellation) is null)
            throw CommandRejected.Because(RejectionKind.NotFound, $"no establishment has the id {establishmentId}");
        var entries = await TimelinePage.ReadAsync(session, establishmentId, filter, filter.Count + 1, cancellation);
        await audit.RecordApiReadAsync(http);
        var page = entries.Take(filter.Count).ToList();
        var next = entries.Count > filter.Count ? filter.NextLink(http.Request, page[^1].Sequence) : null;
        return new EstablishmentTimeline(establishmentId, page, next);
    }
}
