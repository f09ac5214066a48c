using JasperFx.Events;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Domain.Practitioners;
using RorNational.Offer.ApiRights;
using RorNational.Offer.Establishments;
using RorNational.Offer.Http;
using Wolverine.Http;
using Wolverine.Marten;

namespace RorNational.Offer.Practitioners.RecordPractitioner;

/// <summary>
/// An editor (or an admin) records a professional's identity by RPPS number, or replaces it:
/// Wolverine fetches the professional's stream ("practitioner-" and the RPPS number), the
/// decider returns the events, Wolverine appends and commits. The answer's ETag is the stream
/// version; <c>If-Match</c> with another version is refused with 412 before anything is decided.
/// </summary>
public static class RecordPractitionerEndpoint
{
    [WolverinePut("/api/practitioners/{rpps}")]
    [Requires(Right.PractitionerRecorder)]
    public static (CommandResult, Events) Put(string rpps, [StrictJsonBody] PractitionerIdentity command,
        [WriteAggregate(FromMethod = nameof(PractitionerStream), Required = false)] IEventStream<RecordedPractitioner> stream,
        HttpContext http, TimeProvider clock, Terminology terminology)
    {
        var expected = IfMatch.ExpectedVersion(http.Request);
        if (expected is not null && expected != (stream.StartingVersion ?? 0))
            throw CommandRejected.Because(RejectionKind.PreconditionFailed,
                $"{stream.Key} is no longer at version {expected}; read it again and retry", "If-Match");
        return CommandResult.Of(stream, PractitionerDecisions.Record(stream.Aggregate, rpps, command, terminology, Actors.Of(http), clock.GetUtcNow()), http);
    }

    /// <summary>The professional's stream; a malformed RPPS number is refused before anything is read.</summary>
    public static string PractitionerStream(string rpps) => PractitionerIds.IsRpps(rpps)
        ? PractitionerIds.Of(rpps)
        : throw CommandRejected.Because(RejectionKind.Invalid, PractitionerIds.RppsExpectation, "rpps");
}
