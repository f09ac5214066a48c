using JasperFx.Events;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;

namespace RorNational.Offer.Establishments;

/// <summary>
/// Wolverine middleware on every endpoint that changes an EG through the aggregate handler
/// workflow (applied by <see cref="OfferEndpoints"/>): it runs after Wolverine fetched the EG's
/// stream for writing and before the endpoint decides. An unknown EG is a 404; an
/// <c>If-Match: W/"n"</c> that is not the stream's version a 412 naming If-Match (a malformed one
/// a 400). Marten then appends the events only if the stream is still at the version fetched, so
/// a write that lands in between is refused at commit: 412 when the caller sent If-Match, 409 otherwise (ErrorResponseMiddleware).
/// </summary>
public static class IfMatch
{
    public static void Before(HttpContext http, IEventStream<EG> stream)
    {
        var expected = ExpectedVersion(http.Request);
        if (stream.Aggregate is null)
            throw CommandRejected.Because(RejectionKind.NotFound, $"no establishment has the id {stream.Key}");
        if (expected is not null && expected != stream.StartingVersion)
            throw CommandRejected.Because(RejectionKind.PreconditionFailed,
                $"{stream.Key} is no longer at version {expected}; read it again and retry", "If-Match");
    }

    /// <summary>The weak ETag of a stream version, as GET answers it and commands expect it back.</summary>
    public static string ETag(long version) => $"W/\"{version}\"";

    /// <summary>The version in If-Match; null without the header.</summary>
    public static long? ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header)) return null;
        var value = header.Trim().Replace("W/", "", StringComparison.Ordinal).Trim('"');
        return long.TryParse(value, out var version)
            ? version
            : throw CommandRejected.Because(RejectionKind.Invalid, "must be an ETag given by this server, e.g. W/\"3\"", "If-Match");
    }
}
