using Marten;
using JasperFx.Events;
using RorNational.Domain.Capacity;

namespace RorNational.Offer.Capacity.Supplying;

/// <summary>
/// The capacity streams of a request's lieux fetched for exclusive writing in one round trip:
/// one batched query whose statements lock the streams' rows one after the other, in the order
/// of their keys. Two requests over the same lieux lock them in the same order, so they wait
/// for each other and never deadlock; each is decided on the state the other committed.
/// </summary>
public static class LieuStreamLocks
{
    public static async Task<Dictionary<string, IEventStream<LieuCapacity>>> FetchAsync(
        IDocumentSession session, IEnumerable<string> streams, CancellationToken cancellation)
    {
        var fetched = new Dictionary<string, IEventStream<LieuCapacity>>(StringComparer.Ordinal);
        var keys = streams.Distinct().Order(StringComparer.Ordinal).ToList();
        if (keys.Count == 0) return fetched;
        // The locks last until the commit: the session's transaction is open before the batch runs.
        await session.BeginTransactionAsync(cancellation);
        var batch = session.CreateBatchQuery();
        var pending = keys.Select(key => (key, Stream: batch.Events.FetchForExclusiveWriting<LieuCapacity>(key))).ToList();
        await batch.Execute(cancellation);
        foreach (var (key, stream) in pending) fetched[key] = await stream;
        return fetched;
    }
}
