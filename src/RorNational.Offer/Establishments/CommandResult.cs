using JasperFx.Events;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Establishments;
using Wolverine.Marten;

namespace RorNational.Offer.Establishments;

/// <summary>What a command on an establishment (or a professional) answers: its stream version after the command.</summary>
public sealed record CommandResult(string Establishment, long Version, bool Changed)
{
    /// <summary>
    /// The answer to a command whose events Wolverine appends to the EG's stream and commits:
    /// the version they bring the stream to, also given as the ETag that the next command sends
    /// in If-Match. Nothing is written here.
    /// </summary>
    public static (CommandResult, Events) Of<TAggregate>(IEventStream<TAggregate> stream, IEnumerable<object> decided, HttpContext http)
        where TAggregate : class
    {
        var events = new Events(decided);
        var version = (stream.StartingVersion ?? 0) + events.Count;
        http.Response.Headers.ETag = IfMatch.ETag(version);
        return (new CommandResult(stream.Key ?? stream.Id.ToString(), version, events.Count > 0), events);
    }
}
