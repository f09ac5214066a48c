using Marten;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Domain.Practitioners;
using RorNational.Offer.ApiRights;
using RorNational.Offer.Establishments;
using Wolverine.Http;

namespace RorNational.Offer.Practitioners.GetPractitioner;

/// <summary>A recorded professional as editors see it, with its stream version as ETag (the If-Match of the next change).</summary>
public sealed record PractitionerView(string Id, string Rpps, PractitionerIdentity Identity, DateTimeOffset RecordedAt, long Version);

public static class GetPractitionerEndpoint
{
    [WolverineGet("/api/practitioners/{rpps}")]
    [Requires(Right.PractitionerRecorder)]
    public static async Task<PractitionerView> Get(string rpps, IQuerySession session, HttpContext http, CancellationToken cancellation)
    {
        if (!PractitionerIds.IsRpps(rpps)) throw CommandRejected.Because(RejectionKind.Invalid, PractitionerIds.RppsExpectation, "rpps");
        var id = PractitionerIds.Of(rpps);
        var practitioner = await session.LoadAsync<RecordedPractitioner>(id, cancellation)
            ?? throw CommandRejected.Because(RejectionKind.NotFound, $"no professional is recorded with the RPPS number {rpps}");
        var version = (await session.Events.FetchStreamStateAsync(id, cancellation))!.Version;
        http.Response.Headers.ETag = IfMatch.ETag(version);
        return new PractitionerView(practitioner.Id, practitioner.Rpps, practitioner.Identity, practitioner.RecordedAt, version);
    }
}
