using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Rebuilding;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Locations;

/// <summary>
/// The equipment index (fhir_search_equipment) is written with the Location's description and
/// replaced with it: a lieu whose equipment changed by dossier is found by its new equipment
/// only, and `rebuild-publication` writes the same rows again after they were lost.
/// </summary>
public sealed class rebuilding_the_equipment_index : ApiFixture
{
    private const string Table = "088&equipment-feature=001&limit-value=ge200|http://unitsofmeasure.org|kg";

    [Test, CancelAfter(600_000)]
    public async Task a_changed_equipment_replaces_its_rows_and_a_rebuild_writes_them_again()
    {
        await Client.PublishHospital();
        await Client.Accept(await Client.SubmitDossier(("lieu-batiment-a", LieuWith("221", 250)))).EnsureOk();
        await Client.Accept(await Client.SubmitDossier(("lieu-batiment-a", LieuWith("088", 250)))).EnsureOk();
        var served = await ServedPublication.TakeAsync(App, ConnectionString);
        Assert.That(served["index fhir_search_equipment"], Is.Not.Empty);
        Assert.That(await Total("Location?equipment-type=221"), Is.Zero, "the MRI was replaced by the table");
        Assert.That(await Total("HealthcareService?location.equipment-type=" + Table.Replace("&", "&location.")), Is.EqualTo(1));

        await using (var session = App.Store.LightweightSession())
        {
            session.QueueSqlCommand($"delete from {App.Store.Options.DatabaseSchemaName}.fhir_search_equipment");
            await session.SaveChangesAsync();
        }
        Assert.That(await Total("Location?equipment-type=" + Table), Is.Zero, "the damage shows");

        var (exitCode, output) = await HostCommand.RunAsync(ConnectionString, "rebuild-publication");

        Assert.That(exitCode, Is.Zero, output);
        var rebuilt = await ServedPublication.TakeAsync(App, ConnectionString);
        Assert.That(rebuilt["index fhir_search_equipment"], Is.EqualTo(served["index fhir_search_equipment"]));
        Assert.That(await Total("Location?equipment-type=" + Table), Is.EqualTo(1));
    }

    private static JsonObject LieuWith(string equipmentType, int weightLimit)
    {
        var lieu = Lieu();
        lieu["lieu"]!["equipments"] = new JsonArray(new JsonObject
        {
            ["type"] = equipmentType,
            ["inService"] = 2,
            ["limits"] = new JsonArray(new JsonObject { ["feature"] = "001", ["value"] = weightLimit, ["unit"] = "kg" }),
        });
        return lieu;
    }

    private async Task<int> Total(string query) =>
        JsonNode.Parse(await Client.GetStringAsync("/fhir/" + query))!["total"]!.GetValue<int>();
}
