using Marten;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;

namespace RorNational.Offer.Establishments;

/// <summary>What a command on an establishment answers: its stream version after the command.</summary>
public sealed record CommandResult(string Establishment, long Version, bool Changed);

/// <summary>
/// The one way commands change an EG: load its stream for writing (with the caller's
/// If-Match as the expected version), decide, append, commit, answer the new version as ETag.
/// </summary>
public static class EstablishmentCommands
{
    public static async Task<CommandResult> DecideAsync(
        IDocumentSession session, HttpContext http, string egId, Func<EG, object[]> decide, CancellationToken cancellation)
    {
        var expected = ExpectedVersion(http.Request);
        try
        {
            var stream = expected.HasValue
                ? await session.Events.FetchForWriting<EG>(egId, expected.Value, cancellation)
                : await session.Events.FetchForWriting<EG>(egId, cancellation);
            var eg = stream.Aggregate ?? throw CommandRejected.Because(RejectionKind.NotFound, $"no establishment has the id {egId}");
            var events = decide(eg);
            stream.AppendMany(events);
            await session.SaveChangesAsync(cancellation);
            var newVersion = (stream.StartingVersion ?? 0) + events.Length;
            http.Response.Headers.ETag = $"W/\"{newVersion}\"";
            return new CommandResult(egId, newVersion, events.Length > 0);
        }
        catch (Exception exception) when (expected is not null && exception is JasperFx.ConcurrencyException
                                              or JasperFx.Events.EventStreamUnexpectedMaxEventIdException)
        {
            throw CommandRejected.Because(RejectionKind.PreconditionFailed,
                $"{egId} is no longer at version {expected}; read it again and retry", "If-Match");
        }
    }

    private static long? ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header)) return null;
        var value = header.Trim().Replace("W/", "", StringComparison.Ordinal).Trim('"');
        return long.TryParse(value, out var version)
            ? version
            : throw CommandRejected.Because(RejectionKind.Invalid, "must be an ETag given by this server, e.g. W/\"3\"", "If-Match");
    }
}
