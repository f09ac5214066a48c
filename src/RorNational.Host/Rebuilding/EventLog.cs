using System.Runtime.CompilerServices;
using JasperFx.Events;
using Marten;

namespace RorNational.Host.Rebuilding;

/// <summary>Every event of the store in sequence order, read page by page (keyset on the sequence): memory stays flat.</summary>
public static class EventLog
{
    public static async IAsyncEnumerable<IEvent> Read(IQuerySession session, int pageSize, [EnumeratorCancellation] CancellationToken cancellation)
    {
        long after = 0;
        while (true)
        {
            var page = await session.Events.QueryAllRawEvents()
                .Where(e => e.Sequence > after)
                .OrderBy(e => e.Sequence)
                .Take(pageSize)
                .ToListAsync(cancellation);
            foreach (var e in page) yield return e;
            if (page.Count < pageSize) yield break;
            after = page[^1].Sequence;
        }
    }
}
