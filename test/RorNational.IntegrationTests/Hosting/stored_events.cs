using Marten;
using RorNational.Domain;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Hosting;

/// <summary>Stored event names are a contract with existing data: the catalogue must be what is written.</summary>
public sealed class stored_events : ApiFixture
{
    [Test]
    public async Task carry_the_names_pinned_in_the_event_catalogue()
    {
        await Client.Register(Requests.Registration());
        await Client.Register(Requests.Registration(egName: "CENTRE HOSPITALIER FLEYRIAT", legalName: "CH BOURG"));

        await using var session = App.Store.QuerySession();
        var stored = await session.Events.QueryAllRawEvents().Select(e => e.EventTypeName).ToListAsync();

        Assert.That(stored.Distinct(), Is.EquivalentTo(new[]
        {
            "ej_registered", "eg_registered", "ej_administrative_data_updated", "eg_administrative_data_updated",
        }));
        Assert.That(stored, Is.SubsetOf(EventCatalogue.StoredNames.Values));
    }

    [Test]
    public void every_domain_event_type_is_in_the_catalogue()
    {
        var eventTypes = typeof(EventCatalogue).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && typeof(RorNational.Domain.Common.IDomainEvent).IsAssignableFrom(t));

        Assert.That(EventCatalogue.StoredNames.Keys, Is.EquivalentTo(eventTypes));
    }
}
