using JasperFx.Events;
using RorNational.Domain.Capacity;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Domain.Establishments;
using RorNational.Fhir.Rebuilding;

namespace RorNational.IntegrationTests.Rebuilding;

/// <summary>
/// A rebuild replays a stream's events in the same groups as they were appended: the events one
/// transaction appended to one stream share a timestamp; a batch holds one such run per stream, whole.
/// The rebuild packs them (<see cref="PackedBatches"/>): within a window of the log, every stream's
/// n-th run goes to the n-th level, so a stream written by one transaction after another no
/// longer makes one small batch per transaction.
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

    [Test]
    public async Task packed_each_stream_keeps_the_order_of_its_runs_and_their_ends_whatever_the_other_streams_did()
    {
        var batches = await Pack(100, 10,
            ("eg-1", T1), ("eg-1", T2), ("eg-1", T3), ("eg-2", T1), ("eg-2", T1), ("eg-2", T2), ("eg-3", T3));

        Assert.That(batches, Is.EqualTo(new[]
        {
            new[] { "eg-1@1", "eg-2@4", "eg-2@5", "eg-3@7" },
            new[] { "eg-1@2", "eg-2@6" },
            new[] { "eg-1@3" },
        }));
    }

    [Test]
    public async Task packed_a_lieu_s_capacity_runs_count_with_its_EG_s_runs()
    {
        var capacity = CapacityStreams.Of("010000024", "lieu-a");
        var eg = EstablishmentIds.EG("010000024");
        var batches = await Pack(100, 10, (capacity, T1), (eg, T2), (capacity, T3), (EstablishmentIds.EG("690000013"), T1));

        Assert.That(batches, Is.EqualTo(new[]
        {
            new[] { $"{capacity}@1", "eg-690000013@4" },
            new[] { $"{eg}@2" },
            new[] { $"{capacity}@3" },
        }));
    }

    [Test]
    public async Task packed_a_window_ends_between_runs_and_the_next_one_starts_its_levels_again()
    {
        var batches = await Pack(3, 10, ("eg-1", T1), ("eg-1", T2), ("eg-1", T2), ("eg-1", T2), ("eg-2", T3), ("eg-1", T3));

        Assert.That(batches, Is.EqualTo(new[]
        {
            new[] { "eg-1@1" },
            new[] { "eg-1@2", "eg-1@3", "eg-1@4" },
            new[] { "eg-2@5", "eg-1@6" },
        }));
    }

    [Test]
    public async Task packed_a_level_is_replayed_in_batches_of_whole_runs()
    {
        var batches = await Pack(100, 2, ("eg-1", T1), ("eg-2", T1), ("eg-1", T1), ("eg-3", T1), ("eg-4", T1), ("eg-1", T2));

        Assert.That(batches, Is.EqualTo(new[]
        {
            new[] { "eg-1@1", "eg-1@3" },
            new[] { "eg-2@2", "eg-3@4" },
            new[] { "eg-4@5" },
            new[] { "eg-1@6" },
        }));
    }

    [Test]
    public async Task packed_runs_that_only_change_a_dossier_join_the_stream_s_next_run()
    {
        var by = new Actor("editor");
        var log = new IEvent[]
        {
            At("eg-1", T1, new DossierOpened("d1", by, T1)),
            At("eg-2", T1, new object()),
            At("eg-1", T2, new DossierSubmitted("d1", by, T2)),
            At("eg-1", T3, new DossierAccepted("d1", null, [], by, T3)),
            At("eg-1", T3.AddSeconds(1), new DossierOpened("d2", by, T3)),
        };

        var batches = await Pack(100, 10, log);

        Assert.That(batches, Is.EqualTo(new[]
        {
            new[] { "eg-1@1", "eg-1@3", "eg-1@4", "eg-2@2" },
            new[] { "eg-1@5" },
        }), "rendered once after the acceptance; the next dossier starts a run of its own");
    }

    private static Task<List<string[]>> Pack(int windowEvents, int maxEvents, params (string Stream, DateTimeOffset At)[] appended) =>
        Pack(windowEvents, maxEvents, appended.Select(a => At(a.Stream, a.At, new object())).ToArray());

    private static async Task<List<string[]>> Pack(int windowEvents, int maxEvents, IEvent[] log)
    {
        for (var i = 0; i < log.Length; i++) log[i].Sequence = i + 1;
        var batches = new List<string[]>();
        await foreach (var batch in PackedBatches.Of(log.ToAsyncEnumerable(), windowEvents, maxEvents))
            batches.Add(batch.Select(e => $"{e.StreamKey}@{e.Sequence}").ToArray());
        return batches;
    }

    private static IEvent At<T>(string stream, DateTimeOffset at, T data) where T : notnull =>
        new Event<T>(data) { StreamKey = stream, Timestamp = at };

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
