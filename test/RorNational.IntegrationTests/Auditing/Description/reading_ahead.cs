using System.Runtime.CompilerServices;
using RorNational.Fhir.Description;

namespace RorNational.IntegrationTests.Auditing.Description;

/// <summary>
/// <see cref="ReadAhead"/>, which reads a description's capacity events on another thread while
/// the replay folds them: every item in order, the source's failure where the consumer reads, and
/// a source stopped and finished before the consumer's enumeration ends (so that the connection it
/// reads is free when its owner disposes it). The same path against PostgreSQL:
/// <see cref="reading_the_streams_of_a_description"/>.
/// </summary>
public sealed class reading_ahead
{
    [Test]
    public async Task gives_every_item_in_order_whatever_the_chunks()
    {
        foreach (var (count, chunk, ahead) in new[] { (0, 4, 1), (1, 4, 1), (4, 4, 1), (1_001, 7, 2), (1_001, 256, 8) })
        {
            var read = new List<int>();
            await foreach (var i in ReadAhead.Of(stop => Numbers(count, stop), chunk, ahead, CancellationToken.None)) read.Add(i);
            Assert.That(read, Is.EqualTo(Enumerable.Range(0, count)), $"{count} items in chunks of {chunk}");
        }
    }

    [Test]
    public async Task the_sources_failure_reaches_the_consumer_after_the_items_before_it()
    {
        var read = new List<int>();
        var failure = Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var i in ReadAhead.Of(stop => Failing(after: 10, stop), chunk: 3, chunksAhead: 2, CancellationToken.None)) read.Add(i);
        });
        Assert.That(failure!.Message, Is.EqualTo("the source broke after 10 items"));
        Assert.That(read, Is.EqualTo(Enumerable.Range(0, 9)), "the three whole chunks read before the failure");
    }

    [Test]
    public async Task a_consumer_that_stops_early_leaves_the_source_cancelled_and_finished()
    {
        var source = new Watched();
        await foreach (var i in ReadAhead.Of(source.Numbers, chunk: 2, chunksAhead: 1, CancellationToken.None))
            if (i == 3) break;
        Assert.That(source.Finished, Is.True, "the source's own clean-up ran before the enumeration ended");
        Assert.That(source.SawCancellation, Is.True);
    }

    [Test]
    public void a_cancelled_request_stops_the_consumer_and_the_source()
    {
        var source = new Watched();
        using var request = new CancellationTokenSource();
        Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var i in ReadAhead.Of(source.Numbers, chunk: 2, chunksAhead: 1, request.Token))
                if (i == 5) await request.CancelAsync();
        });
        Assert.That(source.Finished, Is.True);
    }

    private static async IAsyncEnumerable<int> Numbers(int count, [EnumeratorCancellation] CancellationToken cancellation)
    {
        for (var i = 0; i < count; i++)
        {
            if (i % 100 == 0) await Task.Yield();
            cancellation.ThrowIfCancellationRequested();
            yield return i;
        }
    }

    private static async IAsyncEnumerable<int> Failing(int after, [EnumeratorCancellation] CancellationToken cancellation)
    {
        await foreach (var i in Numbers(after, cancellation)) yield return i;
        throw new InvalidOperationException($"the source broke after {after} items");
    }

    /// <summary>An endless source that tells whether it saw its cancellation and ran its clean-up.</summary>
    private sealed class Watched
    {
        public volatile bool SawCancellation;
        public volatile bool Finished;

        public async IAsyncEnumerable<int> Numbers([EnumeratorCancellation] CancellationToken cancellation)
        {
            try
            {
                for (var i = 0; ; i++)
                {
                    try
                    {
                        await Task.Delay(1, cancellation);
                    }
                    catch (OperationCanceledException)
                    {
                        SawCancellation = true;
                        throw;
                    }
                    yield return i;
                }
            }
            finally
            {
                await Task.Delay(50, CancellationToken.None);
                Finished = true;
            }
        }
    }
}
