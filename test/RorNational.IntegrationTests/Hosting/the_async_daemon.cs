using System.Net;
using System.Net.Http.Json;
using Marten;
using Marten.Events;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.Offer.History;

namespace RorNational.IntegrationTests.Hosting;

/// <summary>
/// Marten's daemon runs (HotCold, transactional advisory locks: see build/shims): the timeline is
/// read up to its high-water mark, which only a running daemon moves. If the lock workaround
/// regresses, this is the test that fails.
/// </summary>
public sealed class the_async_daemon : ApiFixture
{
    [Test]
    public async Task catches_up_and_serves_the_establishment_timeline()
    {
        await Client.Register(Requests.Registration());
        await Client.Register(Requests.Registration(egName: "CENTRE HOSPITALIER FLEYRIAT"));

        await App.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        var response = await Client.GetAsync("/api/establishments/eg-010000024/timeline");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var timeline = await response.Content.ReadFromJsonAsync<EstablishmentTimeline>();
        Assert.That(timeline!.Entries.Select(e => e.Event),
            Is.EqualTo(new[] { "eg_registered", "eg_administrative_data_updated" }));
        Assert.That(timeline.Entries.Select(e => e.Version), Is.EqualTo(new long[] { 1, 2 }));
        Assert.That(timeline.Entries[0].At, Is.EqualTo(Clock.Now));
    }

    [Test]
    public async Task an_unknown_timeline_is_not_found()
    {
        var response = await Client.GetAsync("/api/establishments/eg-999999999/timeline");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
