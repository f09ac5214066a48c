using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RorNational.Fhir.Practitioners;
using RorNational.Fhir.Storage;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Rebuilding;

namespace RorNational.IntegrationTests.Practitioners;

/// <summary>
/// The professionals and their roles are rebuilt from the events with the rest of the
/// publication: the same Practitioners and PractitionerRoles (ids, versions, a retired role),
/// served the same to every profile, with the same index rows.
/// </summary>
public sealed class rebuilding_the_professionals : ApiFixture
{
    [Test, CancelAfter(600_000)]
    public async Task the_rebuilt_practitioners_and_roles_are_the_ones_served()
    {
        await Client.PublishHospital();
        await Client.RecordPractitioner("10100000076", PractitionerRequests.Identity("GARNIER")).EnsureOk();
        await Client.RecordPractitioner("10100000084", PractitionerRequests.Identity("PERRIN", mailboxLevel: 2)).EnsureOk();
        await Client.RecordPractitioner("10100000084", PractitionerRequests.Identity("PERRIN-MARTIN", mailboxLevel: 2)).EnsureOk();
        await EditRoles(PractitionerRequests.Role("10100000076", "10", "SM04"), PractitionerRequests.Role("10100000084", "60", telecomLevel: 3));
        await EditRoles(PractitionerRequests.Role("10100000076", "10", "SM04"));
        var served = await ServedPublication.TakeAsync(App, ConnectionString);
        Assert.That(served.Keys, Has.Some.Contains("/fhir/Practitioner/practitioner-10100000084/_history/2"));
        Assert.That(served.Where(s => s.Key.Contains("/fhir/PractitionerRole/")).Select(s => s.Value), Has.Some.StartsWith("410"),
            "the role removed from the UO is gone");

        await using (var session = App.Store.LightweightSession())
        {
            session.DeleteWhere<PractitionerDocument>(_ => true);
            session.DeleteWhere<PractitionerRoleDocument>(_ => true);
            session.DeleteWhere<PublishedPractitioner>(_ => true);
            await session.SaveChangesAsync();
        }
        var (exitCode, output) = await HostCommand.RunAsync(ConnectionString, "rebuild-publication");

        Assert.That(exitCode, Is.Zero, output);
        var rebuilt = await ServedPublication.TakeAsync(App, ConnectionString);
        Assert.That(rebuilt.Keys, Is.EqualTo(served.Keys));
        foreach (var (key, expected) in served) Assert.That(rebuilt[key], Is.EqualTo(expected), key);
    }

    private Task EditRoles(params JsonObject[] roles)
    {
        var content = StructureRequests.Content(18);
        content["practitionerRoles"] = new JsonArray(roles.Select(r => (JsonNode)r).ToArray());
        return Client.PutAsJsonAsync($"/api/establishments/{StructureRequests.EG}/uo/uo-cardio-hc/content", content).EnsureOk();
    }
}
