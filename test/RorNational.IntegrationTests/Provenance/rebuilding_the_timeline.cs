using Marten;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.Offer.History;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Provenance;

/// <summary>
/// The timeline is its index: emptied, it lists nothing; Marten's rebuild of the inline projection
/// fills it again from the event log, as an existing database does once (the README's upgrade step).
/// A fixture of its own, since it empties the index its history shares.
/// </summary>
public sealed class rebuilding_the_timeline : HistoryOfTheHospital
{
    private async Task<List<string>> Entries()
    {
        var timeline = await Ok(App.ClientFor(TestClients.Auditor).GetAsync($"/api/establishments/{EG}/timeline?_count=1000"));
        return [.. timeline["entries"]!.AsArray().Select(e => e!.ToJsonString())];
    }

    [Test]
    public async Task is_filled_again_by_marten_rebuilding_its_projection()
    {
        var before = await Entries();
        Assert.That(before, Is.Not.Empty);
        await using (var session = App.Store.LightweightSession())
        {
            session.QueueSqlCommand($"delete from {TimelineTable.QualifiedName(App.Store.Options.DatabaseSchemaName)}");
            await session.SaveChangesAsync();
        }
        Assert.That(await Entries(), Is.Empty, "the timeline is its index: emptied, it lists nothing");

        using (var daemon = await App.Store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync(nameof(EstablishmentTimelineIndex), TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.That(await Entries(), Is.EqualTo(before),
            "an existing database fills the index from the event log, as the README's upgrade step does");
    }

    [Test]
    public async Task serves_only_the_establishments_own_events_whatever_its_index_says()
    {
        var before = await Entries();
        var schema = App.Store.Options.DatabaseSchemaName;
        long foreign;
        await using (var query = App.Store.QuerySession())
            foreign = (await query.QueryAsync<long>($"select max(seq_id) from {schema}.mt_events where stream_id like 'ej-%'")).Single();
        await using (var session = App.Store.LightweightSession())
        {
            session.QueueSqlCommand($"insert into {TimelineTable.QualifiedName(schema)} (establishment, sequence, kind, recorded) values (?, ?, 'import', now())", EG, foreign);
            await session.SaveChangesAsync();
        }
        try
        {
            Assert.That(await Entries(), Is.EqualTo(before), "an EJ's event listed against the EG by a wrong index row is not served");
        }
        finally
        {
            await using var session = App.Store.LightweightSession();
            session.QueueSqlCommand($"delete from {TimelineTable.QualifiedName(schema)} where establishment = ? and sequence = ?", EG, foreign);
            await session.SaveChangesAsync();
        }
    }
}
