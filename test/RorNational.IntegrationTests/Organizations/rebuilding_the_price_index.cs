using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Rebuilding;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Organizations;

/// <summary>
/// The price index (fhir_search_price) is written with the Organization and replaced with it: an
/// establishment whose prices changed is found by its new prices only, and
/// `rebuild-publication` writes the same rows again after they were lost.
/// </summary>
public sealed class rebuilding_the_price_index : ApiFixture
{
    [Test, CancelAfter(600_000)]
    public async Task a_changed_price_replaces_its_rows_and_a_rebuild_writes_them_again()
    {
        await Client.PublishHospital();
        await Client.PatchAsJsonAsync($"/api/establishments/{EG}", new { prices = new[] { new { type = "02", unit = "2", amount = 80m } } }).EnsureOk();
        await Client.PatchAsJsonAsync($"/api/establishments/{EG}", new { prices = new[] { new { type = "02", unit = "2", amount = 60m } } }).EnsureOk();
        var served = await ServedPublication.TakeAsync(App, ConnectionString);
        Assert.That(served["index fhir_search_price"], Is.Not.Empty);
        Assert.That(await Total("Organization?price-amount-value=80"), Is.Zero, "the price of 80 was replaced");
        Assert.That(await Total("Organization?price-type=02&price-amount-value=lt65"), Is.EqualTo(1));

        await using (var session = App.Store.LightweightSession())
        {
            session.QueueSqlCommand($"delete from {App.Store.Options.DatabaseSchemaName}.fhir_search_price");
            await session.SaveChangesAsync();
        }
        Assert.That(await Total("Organization?price-type=02&price-amount-value=lt65"), Is.Zero, "the damage shows");

        var (exitCode, output) = await HostCommand.RunAsync(ConnectionString, "rebuild-publication");

        Assert.That(exitCode, Is.Zero, output);
        var rebuilt = await ServedPublication.TakeAsync(App, ConnectionString);
        Assert.That(rebuilt["index fhir_search_price"], Is.EqualTo(served["index fhir_search_price"]));
        Assert.That(await Total("Organization?price-type=02&price-amount-value=lt65"), Is.EqualTo(1));
    }

    private async Task<int> Total(string query) =>
        JsonNode.Parse(await Client.GetStringAsync("/fhir/" + query))!["total"]!.GetValue<int>();
}
