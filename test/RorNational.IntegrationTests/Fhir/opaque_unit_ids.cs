using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using EstablishmentIds = RorNational.Domain.Establishments.EstablishmentIds;
using RorNational.Fhir;
using RorNational.Fhir.Publishing;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Fhir;

/// <summary>
/// Units have opaque FHIR ids, derived from the event that first published them: an id tells
/// nothing of its unit, a replay of the events gives the same ids, references use them, and
/// the editor's id stays an identifier.
/// </summary>
public sealed class opaque_unit_ids : ApiFixture
{
    [Test]
    public async Task a_unit_id_tells_nothing_of_the_unit()
    {
        await Client.PublishHospital();
        var units = await Client.AllUnitIdsAsync();

        Assert.That(units.Keys, Is.EquivalentTo(HospitalFiches.Select(f => "010000024-" + f.Id)));
        foreach (var id in units.Values)
            Assert.That(id, Does.Match("^[0-9a-f]{32}$"));
        var service = FhirJson.Parse<HealthcareService>(await Client.GetStringAsync($"/fhir/HealthcareService/{units["010000024-uo-cardio-hc"]}"));
        Assert.That(service.Location.Single().Reference, Is.EqualTo($"Location/{units["010000024-lieu-batiment-a"]}"));
        Assert.That(service.ProvidedBy!.Reference, Is.EqualTo($"Organization/{units["010000024-uf-cardio-hc"]}"));
    }

    [Test]
    public async Task replaying_the_events_gives_the_same_ids()
    {
        await Client.PublishHospital();
        var served = await Client.AllUnitIdsAsync();

        // What a rebuild of the projection does: fold the stored events from scratch.
        await using var session = App.Store.QuerySession();
        var replayed = new PublicationState { Id = StructureRequests.EG };
        foreach (var e in await session.Events.FetchStreamAsync(StructureRequests.EG))
        {
            replayed.EG = RorNational.Domain.Establishments.EG.Evolve(replayed.EG, e.Data);
            UnitFhirIds.Assign(replayed, e);
        }
        Assert.That(replayed.UnitIds.ToDictionary(u => EstablishmentIds.Unit("010000024", u.Key), u => u.Value), Is.EquivalentTo(served));
    }

    [Test]
    public async Task a_unit_removed_and_published_again_keeps_its_id()
    {
        await Client.PublishHospital();
        var before = await Client.FhirIdOfUnit("HealthcareService", "010000024-uo-cardio-hc");
        await Client.RemoveThroughDossier("uo-cardio-hc");
        await Client.Accept(await Client.SubmitDossier(("uo-cardio-hc", UO()))).EnsureOk();

        Assert.That(await Client.FhirIdOfUnit("HealthcareService", "010000024-uo-cardio-hc"), Is.EqualTo(before));
    }

    [Test]
    public void the_same_editor_id_in_two_establishments_gives_two_ids()
    {
        var eventId = Guid.NewGuid();
        Assert.That(UnitFhirIds.Of("eg-010000024", eventId, "uo-1"), Is.Not.EqualTo(UnitFhirIds.Of("eg-690000013", eventId, "uo-1")));
        Assert.That(Regex.IsMatch(UnitFhirIds.Of("eg-010000024", eventId, "uo-1"), "^[0-9a-f]{32}$"));
    }
}
