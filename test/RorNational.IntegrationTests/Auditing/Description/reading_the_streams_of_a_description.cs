using System.Text.Json;
using JasperFx.Events;
using Marten;
using RorNational.Domain.Capacity;
using RorNational.Domain.Establishments;
using RorNational.Fhir.Description;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Capacity.Publishing.CapacityAppends;

namespace RorNational.IntegrationTests.Auditing.Description;

/// <summary>
/// The description reads its streams' events straight from Marten's event table
/// (<see cref="StreamEventRows"/>): the same events, data and metadata as Marten's own reader
/// gives, in sequence order, only those of the streams asked, and none past the cut.
/// </summary>
public sealed class reading_the_streams_of_a_description : DescriptionFixture
{
    private const string Hospital = RorNational.IntegrationTests.Capacity.Publishing.CapacityAppends.Finess;

    [Test]
    public async Task gives_what_martens_reader_gives_for_the_same_streams_up_to_the_cut()
    {
        await Client.PublishHospital();
        // Another lieu's stream, before the cut: left out because it was not asked for.
        await App.Store.AppendCapacity(Hospital, "lieu-other", Added(Indicator("02", 9)));
        await App.Store.AppendCapacity(Added(Indicator("02", 3)), Added(Indicator("01", 7)));
        await App.Store.AppendCapacity(Replaced(Indicator("02", 4)), Deleted(Indicator("01", 7).Key));
        string[] streams = [EstablishmentIds.EG(Hospital), CapacityStreams.Of(Hospital, Lieu)];

        await using var session = App.Store.QuerySession();
        var marten = await session.Events.QueryAllRawEvents().Where(e => e.StreamKey.IsOneOf(streams)).OrderBy(e => e.Sequence).ToListAsync();
        Assert.That(marten.Count(e => e.Data is CapacityIndicatorAdded or CapacityIndicatorReplaced or CapacityIndicatorDeleted), Is.EqualTo(4));
        var cut = marten[^2].Sequence;

        await using var rows = await StreamEventRows.OpenAsync(session, CancellationToken.None);
        var read = await rows.ReadAsync(streams, cut, CancellationToken.None);

        var expected = marten.Where(e => e.Sequence <= cut).ToList();
        Assert.That(read.Select(Described), Is.EqualTo(expected.Select(Described)));
        Assert.That(read.Select(e => e.Data.GetType()), Is.EqualTo(expected.Select(e => e.Data.GetType())));
    }

    [Test]
    public async Task the_cut_of_an_instant_is_the_last_sequence_stamped_by_then_and_none_before_the_first()
    {
        await Client.PublishHospital();
        var between = await Between();
        await App.Store.AppendCapacity(Added(Indicator("02", 3)));
        string[] streams = [EstablishmentIds.EG(Hospital), CapacityStreams.Of(Hospital, Lieu)];

        await using var session = App.Store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().Where(e => e.StreamKey.IsOneOf(streams)).OrderBy(e => e.Sequence).ToListAsync();
        var lastOfTheEG = events.Last(e => e.StreamKey == EstablishmentIds.EG(Hospital)).Sequence;
        await using var rows = await StreamEventRows.OpenAsync(session, CancellationToken.None);

        Assert.That(await rows.LastSequenceAtAsync(streams, between, CancellationToken.None), Is.EqualTo(lastOfTheEG));
        Assert.That(await rows.LastSequenceAtAsync(streams, between.ToOffset(TimeSpan.FromHours(1)), CancellationToken.None),
            Is.EqualTo(lastOfTheEG), "the same instant at another offset");
        Assert.That(await rows.LastSequenceAtAsync(streams, DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None),
            Is.EqualTo(events[^1].Sequence));
        Assert.That(await rows.LastSequenceAtAsync(streams, events[0].Timestamp.AddTicks(-10), CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task read_ahead_gives_every_event_in_sequence_order_and_a_read_stopped_early_leaves_the_snapshot_usable()
    {
        await Client.PublishHospital();
        await App.Store.AppendCapacity(Added(Indicator("02", 0)));
        for (var round = 1; round <= 7; round++)
            await App.Store.AppendCapacity([.. Enumerable.Range(0, 100).Select(i => (object)Replaced(Indicator("02", round * 100 + i)))]);
        string[] streams = [CapacityStreams.Of(Hospital, Lieu)];

        await using var session = App.Store.QuerySession();
        await using var rows = await StreamEventRows.OpenAsync(session, CancellationToken.None);
        var listed = await rows.ReadAsync(streams, long.MaxValue, CancellationToken.None);
        Assert.That(listed, Has.Count.EqualTo(701), "more events than three chunks of the read ahead");

        var first = new List<IEvent>();
        await foreach (var e in ReadAhead.Of(stop => rows.StreamAsync(streams, long.MaxValue, stop), chunk: 256, chunksAhead: 1, CancellationToken.None))
        {
            first.Add(e);
            if (first.Count == 300) break;
        }
        var again = new List<IEvent>();
        await foreach (var e in ReadAhead.Of(stop => rows.StreamAsync(streams, long.MaxValue, stop), chunk: 256, chunksAhead: 1, CancellationToken.None))
            again.Add(e);

        Assert.That(first.Select(Described), Is.EqualTo(listed.Take(300).Select(Described)), "stopped after 300: its reader cancelled and done with the connection");
        Assert.That(again.Select(Described), Is.EqualTo(listed.Select(Described)), "the same snapshot read again, whole, in order");
    }

    private static string Described(IEvent e) =>
        $"{e.Sequence} {e.Id} {e.StreamKey} {e.Version} {e.Timestamp:O} {e.EventTypeName} {JsonSerializer.Serialize(e.Data, e.Data.GetType())}";
}
