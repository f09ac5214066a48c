using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marten;
using RorNational.Domain.Capacity;
using RorNational.Fhir.Storage;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Rebuilding;
using static RorNational.IntegrationTests.Capacity.Publishing.CapacityAppends;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Capacity.Publishing;

/// <summary>
/// `rebuild-publication` replays the capacity streams with the EGs' streams: the same Locations,
/// versions, history, capacity index rows and search results as were served, though a batch of
/// the rebuild holds an EG's and its capacity streams' events of different transactions.
/// </summary>
public sealed class rebuilding_capacity : ApiFixture
{
    [Test, CancelAfter(600_000)]
    public async Task the_rebuilt_publication_serves_the_capacity_that_was_served()
    {
        await GivenCapacityChangesBetweenDescriptionChanges();
        var served = await ServedPublication.TakeAsync(App, ConnectionString);
        Assert.That(served["index fhir_search_capacity"], Is.Not.Empty);
        var search = await Client.GetStringAsync("/fhir/HealthcareService?location.capacity-status=02&location.nb-capacity=gt0&_include=HealthcareService:location");
        Assert.That(search, Does.Contain("\"total\":1"));

        await DamageTheCapacity();
        Assert.That(await ServedPublication.TakeAsync(App, ConnectionString), Is.Not.EqualTo(served), "the damage shows");

        var (exitCode, output) = await HostCommand.RunAsync(ConnectionString, "rebuild-publication");

        Assert.That(exitCode, Is.Zero, output);
        var rebuilt = await ServedPublication.TakeAsync(App, ConnectionString);
        Assert.That(rebuilt.Keys, Is.EqualTo(served.Keys), "the same resources, versions and index tables");
        foreach (var (key, expected) in served) Assert.That(rebuilt[key], Is.EqualTo(expected), key);
        Assert.That(Bundle(await Client.GetStringAsync("/fhir/HealthcareService?location.capacity-status=02&location.nb-capacity=gt0&_include=HealthcareService:location")),
            Is.EqualTo(Bundle(search)));
    }

    private async Task GivenCapacityChangesBetweenDescriptionChanges()
    {
        await Client.PublishHospital();
        var available = Indicator("02", 3, gender: "01");
        await App.Store.AppendCapacity(Added(available), Added(Indicator("01", 15)));
        await App.Store.AppendCapacity(Replaced(available with { Count = 2 }));

        var renamed = Lieu();
        renamed["name"] = "Bâtiment B";
        await Client.Accept(await Client.SubmitDossier(("lieu-batiment-a", renamed))).EnsureOk();
        await App.Store.AppendCapacity(Added(Indicator("06", 1, bed: "01")));
        await Client.PatchAsJsonAsync($"/api/establishments/{EG}", new { operationalName = "CH Fleyriat" }).EnsureOk();
        await App.Store.AppendCapacity(Deleted(Indicator("06", 1, bed: "01").Key));
        await App.Store.AppendCapacity(Replaced(available with { Count = 4 }));
    }

    private async Task DamageTheCapacity()
    {
        await using var session = App.Store.LightweightSession();
        session.DeleteWhere<LieuCapacity>(s => true);
        session.QueueSqlCommand($"delete from {App.Store.Options.DatabaseSchemaName}.{ResourceVersionTable.Name} where resource_type = 'Location' and version > 2");
        session.QueueSqlCommand($"delete from {App.Store.Options.DatabaseSchemaName}.fhir_search_capacity");
        await session.SaveChangesAsync();
    }

    /// <summary>A search Bundle without its id and time, which every answer has its own.</summary>
    private static string Bundle(string json)
    {
        var bundle = JsonNode.Parse(json)!.AsObject();
        bundle.Remove("id");
        bundle.Remove("meta");
        return bundle.ToJsonString();
    }
}
