using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace RorNational.Fhir.Description;

/// <summary>
/// Enumerates a source on a thread of its own, ahead of its consumer, by chunks through a bounded
/// channel: reading and deserializing the capacity events of a description runs on one core while
/// the replay folds the events read before on the other, and at most
/// <c>chunk * chunksAhead</c> items are held between the two. The source's exception, if any,
/// reaches the consumer where it would have read the next item; when the consumer stops early
/// (an exception, a cancelled request), the source is cancelled and awaited before the enumerator
/// is done, so that nothing reads the source's connection after its owner disposed it.
/// </summary>
public static class ReadAhead
{
    public static async IAsyncEnumerable<T> Of<T>(
        Func<CancellationToken, IAsyncEnumerable<T>> source, int chunk, int chunksAhead, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var channel = Channel.CreateBounded<T[]>(new BoundedChannelOptions(chunksAhead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var producer = Task.Run(() => ProduceAsync(source(stop.Token), channel.Writer, chunk, stop.Token), CancellationToken.None);
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellation))
                while (channel.Reader.TryRead(out var items))
                    foreach (var item in items) yield return item;
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }
    }

    /// <summary>Reads the source into the channel; completes it, with the source's exception if any. Never throws.</summary>
    private static async Task ProduceAsync<T>(IAsyncEnumerable<T> source, ChannelWriter<T[]> writer, int chunk, CancellationToken cancellation)
    {
        try
        {
            var buffer = new List<T>(chunk);
            await foreach (var item in source.WithCancellation(cancellation))
            {
                buffer.Add(item);
                if (buffer.Count < chunk) continue;
                await writer.WriteAsync([.. buffer], cancellation);
                buffer.Clear();
            }
            if (buffer.Count > 0) await writer.WriteAsync([.. buffer], cancellation);
            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
        }
    }
}
