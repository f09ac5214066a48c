using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marten;
using Npgsql;
using RorNational.Fhir.Availability.Placement;
using RorNational.IntegrationTests.Capacity.Protocol;
using RorNational.IntegrationTests.Capacity.Supplying;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Availability.Synthesis;

/// <summary>
/// The synthesis follows the offer: a capacity PATCH reaches its figures in its own transaction
/// (an outdated change changes nothing, a deletion supplies no date), and a change of description (a direct edit, a dossier) moves a unit
/// to another regroupement, or out of the synthesis, in the transaction that publishes it.
/// </summary>
public sealed class following_changes : AvailabilityFixture
{
    [Test]
    public async Task a_capacity_patch_shows_in_the_synthesis_as_soon_as_it_is_answered()
    {
        using var supplier = App.ClientFor(TestClients.Supplier);
        var patch = CapacityBodies.Replace(CapacityBodies.Selector(gender: "01"), CapacityBodies.Record(5, "2026-03-02T08:15:00Z", gender: "01"));

        var response = await supplier.SendAsync(SupplyingFixture.PatchRequest("/fhir/Location?identifier=1010000024/REA-ADULTE", patch));
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());

        // No wait: the figures are written in the PATCH's own transaction.
        var unit = await UnitOf(ReaBourg);
        Assert.That(unit.Figures.Available, Is.EqualTo(7), "5 women and 2 men");
        Assert.That((unit.LastUpdate, unit.AgeHours), Is.EqualTo(((DateTimeOffset?)At(8, 15), (double?)0.25)));
        Assert.That((await Grid("?departement=01&regroupement=rea-adulte")).Totals.All.Figures.Available, Is.EqualTo(7));
    }

    [Test]
    public async Task an_outdated_change_moves_neither_the_figures_nor_the_last_update()
    {
        var before = await UnitOf(ReaBourg);
        using var supplier = App.ClientFor(TestClients.Supplier);
        var patch = CapacityBodies.Replace(CapacityBodies.Selector(gender: "01"), CapacityBodies.Record(9, "2026-03-02T06:00:00Z", gender: "01"));

        var response = await supplier.SendAsync(SupplyingFixture.PatchRequest("/fhir/Location?identifier=1010000024/REA-ADULTE", patch));
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());

        var after = await UnitOf(ReaBourg);
        Assert.That((after.Figures, after.LastUpdate), Is.EqualTo((before.Figures, before.LastUpdate)), "supplied at 06:00, older than the indicator it replaces");
    }

    [Test]
    public async Task a_deletion_empties_a_figure_and_keeps_the_latest_date_supplied()
    {
        var before = await UnitOf(ReaBourg);
        using var supplier = App.ClientFor(TestClients.Supplier);
        var patch = CapacityBodies.Delete(CapacityBodies.Selector(status: "06", bedType: "03"));

        var response = await supplier.SendAsync(SupplyingFixture.PatchRequest("/fhir/Location?identifier=1010000024/REA-ADULTE", patch));
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());

        var after = await UnitOf(ReaBourg);
        Assert.That((before.Figures.Supplementary, after.Figures.Supplementary), Is.EqualTo(((int?)4, (int?)null)), "its only supplementary indicator is gone");
        Assert.That(after.Figures with { Supplementary = 4 }, Is.EqualTo(before.Figures), "the other figures stay");
        Assert.That(after.LastUpdate, Is.EqualTo(before.LastUpdate), "a deletion supplies no date");
    }

    [Test]
    public async Task a_direct_edit_of_a_uo_age_range_moves_its_unit_to_another_regroupement()
    {
        Assert.That((await UnitOf(PediatricLyon)).Regroupement, Is.EqualTo("rea-pediatrique"));

        await Client.PutAsJsonAsync($"/api/establishments/{Lyon}/uo/uo-rea-ped/content", new JsonObject
        {
            ["publicPrisEnCharge"] = new JsonArray("01"),
            ["ageRange"] = new JsonObject { ["low"] = 0, ["high"] = 60 },
        }).EnsureOk();

        var unit = await UnitOf(PediatricLyon);
        Assert.That(unit.Regroupement, Is.EqualTo("rea-adulte"), "its category 121 no longer ends below 18 years: its activity 127 decides");
        Assert.That(unit.Figures.Available, Is.EqualTo(3), "its figures follow it");
        Assert.That((await Grid("?departement=69")).Cells.Select(c => c.Regroupement), Does.Contain("rea-adulte").And.Not.Contain("rea-pediatrique"));
    }

    [Test]
    public async Task a_dossier_changing_a_uo_activity_moves_its_unit_and_one_removing_the_uo_takes_the_unit_out()
    {
        var usic = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(TestPostgres.RepositoryRoot(), "samples/structures/eg-2A0000089/04-uo-usic.json")))!.AsObject();
        usic["uo"]!["activitesOperationnelles"] = new JsonArray("356");
        usic["uo"]!["categorieOrganisation"] = "263";

        await PublishStructure(Client, "eg-2A0000089", ("uo-usic", usic));

        Assert.That((await UnitOf(UsicAjaccio)).Regroupement, Is.EqualTo("usinv"));

        await Client.RemoveThroughDossier("uo-usinv");

        Assert.That((await Units()).Units.Select(u => u.UnitId), Does.Not.Contain(UsinvBourg), "its lieu serves no UO any more");
    }

    [Test]
    public async Task a_rendering_that_changes_nothing_of_a_placement_does_not_write_it_again()
    {
        var before = await PlacementVersions("2B0000384");

        await Client.PatchAsJsonAsync("/api/establishments/eg-2B0000384", new { operationalName = "CH de Bastia" }).EnsureOk();

        Assert.That(await PlacementVersions("2B0000384"), Is.EqualTo(before), "the EG was rendered again, its placements were not written");
        Assert.That(before, Has.Count.EqualTo(2));
    }

    /// <summary>When each placement of an EG was last written (Marten's mt_last_modified: the writing transaction's time).</summary>
    private async Task<Dictionary<string, DateTime>> PlacementVersions(string finess)
    {
        var table = App.Store.Options.FindOrResolveDocumentType(typeof(UnitPlacement)).TableName.QualifiedName;
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select id, mt_last_modified from {table} where data ->> 'EGFiness' = @finess", connection);
        command.Parameters.AddWithValue("finess", finess);
        var versions = new Dictionary<string, DateTime>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) versions[reader.GetString(0)] = reader.GetDateTime(1);
        return versions;
    }
}
