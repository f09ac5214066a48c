using System.Net.Http.Json;
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

    [Test]
    public async Task every_event_the_write_endpoints_return_is_a_domain_event_of_the_catalogue()
    {
        // Every /api write: registration, a dossier drafted, finalized, submitted and accepted, a
        // removal drafted then the dossier rejected, direct edits of a UO and of the EG.
        await Client.PublishHospital();
        var dossier = await Client.OpenDossier();
        await Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/establishments/{StructureRequests.EG}/dossiers/{dossier}/fiches/uo-cardio-hc")).EnsureOk();
        await Client.Submit(dossier).EnsureOk();
        await Client.Reject(dossier, "not now").EnsureOk();
        await Client.PutAsJsonAsync($"/api/establishments/{StructureRequests.EG}/uo/uo-cardio-hc/content", StructureRequests.Content(16)).EnsureOk();
        await Client.PatchAsJsonAsync($"/api/establishments/{StructureRequests.EG}", new { operationalName = "Hôpital Fleyriat" }).EnsureOk();

        await using var session = App.Store.QuerySession();
        var stored = await session.Events.FetchStreamAsync(StructureRequests.EG);
        var types = stored.Select(e => e.Data.GetType()).Distinct().ToList();

        Assert.That(types.Select(type => EventCatalogue.StoredNames[type]), Is.SupersetOf(new[]
        {
            "eg_registered", "dossier_opened", "fiche_drafted", "fiche_finalized", "dossier_submitted", "dossier_accepted",
            "fiche_removal_drafted", "dossier_rejected", "uo_content_edited", "eg_operational_name_changed",
        }));
        Assert.That(types, Is.All.Matches<Type>(type => typeof(RorNational.Domain.Common.IDomainEvent).IsAssignableFrom(type)));
        Assert.That(stored.Select(e => e.EventTypeName), Is.EquivalentTo(stored.Select(e => EventCatalogue.StoredNames[e.Data.GetType()])));
    }
}
