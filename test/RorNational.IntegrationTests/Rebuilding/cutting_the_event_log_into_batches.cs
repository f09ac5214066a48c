using JasperFx.Events;
using RorNational.Fhir.Rebuilding;

namespace RorNational.IntegrationTests.Rebuilding;

/// <summary>
/// A rebuild replays a stream's events in the same groups as they were appended: the events one
/// transaction appended to one stream share a timestamp; a batch holds one such run per stream, whole.
/// </summary>
public sealed class cutting_the_event_log_into_batches
{
    private static readonly DateTimeOffset T1 = new(2026, 3, 2, 8, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = T1.AddMilliseconds(3);
    private static readonly DateTimeOffset T3 = T1.AddMilliseconds(7);

    [Test]
    public async Task a_stream_appended_to_again_waits_for_the_next_batch()
    {
        var batches = await Cut(10, ("eg-1", T1), ("eg-2", T1), ("eg-1", T1), ("eg-3", T2), ("eg-1", T2), ("eg-2", T3));

        Assert.That(batches, Is.EqualTo(new[]
        {
            new[] { "eg-1@1", "eg-2@2", "eg-1@3", "eg-3@4" },
            new[] { "eg-1@5", "eg-2@6" },
        }));
    }

    [Test]
    public async Task a_full_batch_ends_between_runs_never_inside_one()
    {
        var batches = await Cut(2, ("eg-1", T1), ("eg-1", T1), ("eg-1", T1), ("eg-2", T1), ("eg-3", T1));

        Assert.That(batches, Is.EqualTo(new[]
        {
            new[] { "eg-1@1", "eg-1@2", "eg-1@3" },
            new[] { "eg-2@4", "eg-3@5" },
        }));
    }

    [Test]
    public async Task no_events_no_batch()
    {
        Assert.That(await Cut(10), Is.Empty);
    }

    private static async Task<List<string[]>> Cut(int maxEvents, params (string Stream, DateTimeOffset At)[] appended)
    {
        var batches = new List<string[]>();
        await foreach (var batch in TransactionBatches.Of(Log(appended), maxEvents))
            batches.Add(batch.Select(e => $"{e.StreamKey}@{e.Sequence}").ToArray());
        return batches;
    }

    private static async IAsyncEnumerable<IEvent> Log((string Stream, DateTimeOffset At)[] appended)
    {
        await Task.Yield();
        for (var i = 0; i < appended.Length; i++)
            yield return new Event<object>(new object()) { StreamKey = appended[i].Stream, Timestamp = appended[i].At, Sequence = i + 1 };
    }
}
