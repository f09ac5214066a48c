using System.Diagnostics;
using Marten;
using Npgsql;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments.Editing;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Capacity.Publishing.CapacityAppends;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;
using SessionOptions = Marten.Services.SessionOptions;

namespace RorNational.IntegrationTests.Auditing.Description;

/// <summary>
/// The description replays transactions in the order of their sequences, whatever the order
/// they committed in, and stays exact (and tells how long it takes) over a long capacity history.
/// </summary>
public sealed class describing_concurrent_writes_and_long_histories : DescriptionFixture
{
    [Test, CancelAfter(120_000)]
    public async Task a_capacity_change_that_commits_after_a_later_EG_edit_is_described_as_stored()
    {
        await Client.PublishHospital();
        await App.Store.AppendCapacity(Added(Indicator("02", 3)));

        // The capacity change takes its sequence and runs its projection first, and stays uncommitted...
        await using var capacityConnection = new NpgsqlConnection(ConnectionString);
        await capacityConnection.OpenAsync();
        await using var capacityTransaction = await capacityConnection.BeginTransactionAsync();
        await using (var session = App.Store.LightweightSession(SessionOptions.ForTransaction(capacityTransaction)))
        {
            session.Events.Append(RorNational.Domain.Capacity.CapacityStreams.Of(Capacity.Publishing.CapacityAppends.Finess, Capacity.Publishing.CapacityAppends.Lieu), Replaced(Indicator("02", 9)));
            await session.SaveChangesAsync();
        }
        var between = await Between();

        // ...while an edit of the EG, with a later sequence, commits before it.
        await using (var session = App.Store.LightweightSession())
        {
            session.Events.Append(EG, new EGOperationalNameChanged("CH Fleyriat", new Actor("test"), DateTimeOffset.UtcNow));
            var saving = session.SaveChangesAsync();
            Assert.That(await Task.WhenAny(saving, Task.Delay(10_000)), Is.SameAs(saving), "the EG edit does not wait for the capacity change");
            await saving;
        }
        await capacityTransaction.CommitAsync();
        var after = await Between();

        await AssertDescribedAsStored(between, "at an instant between the two transactions' timestamps");
        await AssertDescribedAsStored(after, "after both committed");
        var described = await Description(Client, EG, after);
        Assert.That(described.Values, Has.Some.Contains("\"CH Fleyriat\""));
        var betweenDescribed = await Description(Client, EG, between);
        Assert.That(betweenDescribed.Keys, Is.EquivalentTo(described.Keys));
        Assert.That(described.Where(d => d.Key.StartsWith("Location/")).Select(d => d.Value),
            Is.EqualTo(betweenDescribed.Where(d => d.Key.StartsWith("Location/")).Select(d => d.Value)),
            "the capacity change is described from its own timestamp on, though it committed after the EG edit");
    }

    [Test, CancelAfter(120_000)]
    public async Task a_capacity_change_that_publishes_nothing_new_makes_no_version_and_a_return_to_earlier_counts_makes_one()
    {
        await Client.PublishHospital();
        var instants = new List<(DateTimeOffset At, string Because)>();
        async Task Then(string because, params object[] events)
        {
            await App.Store.AppendCapacity(events);
            instants.Add((await Between(), because));
        }

        await Then("after the first indicator", Added(Indicator("02", 3)));
        await Then("after the same indicator sent again (no new version)", Replaced(Indicator("02", 3)));
        await Then("after a new count", Replaced(Indicator("02", 4)));
        await Then("after the first count again (a version of its own)", Replaced(Indicator("02", 3)));
        await Then("after a second indicator and the first one repeated, in one transaction", Added(Indicator("01", 7)), Replaced(Indicator("02", 3)));
        await Then("after the second indicator deleted", Deleted(Indicator("01", 7).Key));
        await Then("after the same count at a later source date (a version of its own)", Replaced(Indicator("02", 3, sourceDate: SourceDate.AddMinutes(5))));

        foreach (var (at, because) in instants) await AssertDescribedAsStored(at, because);
        var locationVersions = new List<Dictionary<string, long>>();
        foreach (var (at, _) in instants)
            locationVersions.Add((await Description(Client, EG, at)).Where(d => d.Key.StartsWith("Location/", StringComparison.Ordinal))
                .ToDictionary(d => d.Key, d => long.Parse(System.Text.Json.Nodes.JsonNode.Parse(d.Value)!["meta"]!["versionId"]!.GetValue<string>())));
        var lieu = locationVersions[0].Keys.Single(key => locationVersions[2][key] != locationVersions[0][key]);
        var first = locationVersions[0][lieu];
        Assert.That(locationVersions.Select(v => v[lieu] - first), Is.EqualTo(new long[] { 0, 0, 1, 2, 3, 4, 5 }),
            "the lieu's Location: no version for the same indicator sent again, one for each change of what it shows");
    }

    [Test, CancelAfter(900_000)]
    public async Task after_a_thousand_capacity_changes_the_description_is_exact_and_its_time_is_told()
    {
        await Client.PublishHospital();
        var sample = Stopwatch.StartNew();
        await Description(Client, EG, DateTimeOffset.UtcNow);
        var sampleTime = sample.Elapsed;

        await App.Store.AppendCapacity(Added(Indicator("02", 0)));
        for (var change = 1; change < 1000; change++)
            await App.Store.AppendCapacity(Replaced(Indicator("02", change % 50)));
        var at = await Between();

        var timed = Stopwatch.StartNew();
        await AssertDescribedAsStored(at, "after 1,000 capacity changes");
        var longTime = timed.Elapsed;
        var redacted = Stopwatch.StartNew();
        await Description(App.ClientFor(TestClients.Auditor), EG, at);
        var redactedTime = redacted.Elapsed;

        TestContext.Out.WriteLine($"$description of the sample hospital: {sampleTime.TotalMilliseconds:0} ms; " +
            $"after 1,000 capacity changes: {longTime.TotalMilliseconds:0} ms (profile crisis, comparison included), " +
            $"{redactedTime.TotalMilliseconds:0} ms (profile public, redacted with the later versions)");
        Assert.That(longTime, Is.LessThan(TimeSpan.FromSeconds(60)), "a long history is replayed in reasonable time");
    }
}
