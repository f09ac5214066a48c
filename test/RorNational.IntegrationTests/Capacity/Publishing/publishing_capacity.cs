using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Marten;
using RorNational.Domain.Capacity;
using RorNational.Domain.Common;
using RorNational.Fhir;
using RorNational.Fhir.Ror;
using RorNational.Fhir.Storage;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Capacity.Publishing.CapacityAppends;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Capacity.Publishing;

/// <summary>
/// A lieu's capacity stream is published inline: its Location carries the current indicators
/// as ror-location-supported-capacity extensions, gets a version per change, and a capacity
/// change renders that Location alone; a description change keeps the capacity.
/// </summary>
public sealed class publishing_capacity : ApiFixture
{
    private string _location = "";

    [SetUp]
    public async Task GivenAPublishedHospital()
    {
        await Client.PublishHospital();
        _location = await Client.FhirIdOfUnit("Location", "010000024-lieu-batiment-a");
    }

    [Test]
    public async Task a_capacity_change_is_read_and_searched_as_soon_as_it_is_committed()
    {
        await App.Store.AppendCapacity(Added(Indicator("02", 3, gender: "01")), Added(Indicator("01", 15)));

        var read = await Client.GetAsync($"/fhir/Location/{_location}");
        Assert.That(read.Headers.ETag?.ToString(), Is.EqualTo("W/\"2\""));
        var location = FhirJson.Parse<Location>(await read.Content.ReadAsStringAsync());
        var capacity = location.Extension.Where(e => e.Url == RorCanonical.Extensions.LocationSupportedCapacity).ToList();
        Assert.That(capacity.Select(StatusOf), Is.EqualTo(new[] { "01", "02" }), "in the order of their keys, whatever the order of the changes");
        Assert.That(capacity.Select(CountOf), Is.EqualTo(new[] { 15, 3 }));
        Assert.That(location.Extension.Select(e => e.Url).SkipWhile(url => url != RorCanonical.Extensions.LocationSupportedCapacity).Skip(2),
            Is.EqualTo(new[] { RorCanonical.Extensions.CreationDate }), "capacity before the creation date, as in ror-location-exemple-1");

        Assert.That(await Total($"Location?_id={_location}&capacity-status=02&gender-capacity-available=01&nb-capacity=3"), Is.EqualTo(1));
        Assert.That(await Total($"Location?_id={_location}&capacity-status=02&nb-capacity=15"), Is.Zero, "15 is the installed indicator's");
    }

    [Test]
    public async Task every_capacity_change_is_a_version_in_the_history()
    {
        var available = Indicator("02", 3);
        await App.Store.AppendCapacity(Added(available));
        await App.Store.AppendCapacity(Replaced(available with { Count = 5 }));
        await App.Store.AppendCapacity(Deleted(available.Key));

        var history = await Client.GetFromJsonAsync<JsonObject>($"/fhir/Location/{_location}/_history");
        Assert.That(history!["total"]!.GetValue<int>(), Is.EqualTo(4));
        var third = FhirJson.Parse<Location>(await Client.GetStringAsync($"/fhir/Location/{_location}/_history/3"));
        Assert.That(third.Extension.Where(e => e.Url == RorCanonical.Extensions.LocationSupportedCapacity).Select(CountOf), Is.EqualTo(new[] { 5 }));
        var current = FhirJson.Parse<Location>(await Client.GetStringAsync($"/fhir/Location/{_location}"));
        Assert.That(current.Meta!.VersionId, Is.EqualTo("4"));
        Assert.That(current.Extension.Any(e => e.Url == RorCanonical.Extensions.LocationSupportedCapacity), Is.False, "deleted");
        Assert.That(current.Meta.LastUpdated, Is.GreaterThan(third.Meta!.LastUpdated!.Value));
        Assert.That(await Total($"Location?_id={_location}&capacity-status=02"), Is.Zero);
        Assert.That(await Total($"Location?_id={_location}&_lastUpdated=ge{Uri.EscapeDataString(current.Meta.LastUpdated!.Value.ToString("o"))}"), Is.EqualTo(1),
            "_lastUpdated follows the capacity change");
    }

    [Test]
    public async Task a_capacity_change_renders_that_location_alone()
    {
        var before = await VersionCounts();

        await App.Store.AppendCapacity(Added(Indicator("02", 3)));

        var after = await VersionCounts();
        Assert.That(after["Location"], Is.EqualTo(before["Location"] + 1));
        Assert.That(after.Where(c => c.Key != "Location"), Is.EqualTo(before.Where(c => c.Key != "Location")), "no other resource of the EG is rendered again");
        Assert.That((await Client.GetAsync($"/fhir/Organization/{EG}")).Headers.ETag?.ToString(), Is.EqualTo("W/\"1\""));
    }

    [Test]
    public async Task a_description_change_keeps_the_capacity()
    {
        await App.Store.AppendCapacity(Added(Indicator("02", 3)));

        var renamed = Lieu();
        renamed["name"] = "Bâtiment B";
        await Client.Accept(await Client.SubmitDossier(("lieu-batiment-a", renamed))).EnsureOk();

        var location = FhirJson.Parse<Location>(await Client.GetStringAsync($"/fhir/Location/{_location}"));
        Assert.That(location.Meta!.VersionId, Is.EqualTo("3"));
        Assert.That(location.Name, Is.EqualTo("Bâtiment B"));
        Assert.That(location.Extension.Where(e => e.Url == RorCanonical.Extensions.LocationSupportedCapacity).Select(CountOf), Is.EqualTo(new[] { 3 }));
        Assert.That(await Total($"Location?_id={_location}&capacity-status=02&name=batiment%20b"), Is.EqualTo(1));

        await App.Store.AppendCapacity(Replaced(Indicator("02", 4)));
        Assert.That(await Total($"Location?_id={_location}&nb-capacity=4&name=batiment%20b"), Is.EqualTo(1), "the description's index rows stay");
    }

    [Test]
    public async Task the_establishment_renders_a_location_as_its_capacity_change_did()
    {
        await App.Store.AppendCapacity(Added(Indicator("02", 3, gender: "02")), Added(Indicator("06", 2, bed: "03", crisis: "02")));
        var published = await Client.GetStringAsync($"/fhir/Location/{_location}");

        // Renders every resource of the EG again: the Location's content is the same, so no new version.
        await Client.PatchAsJsonAsync($"/api/establishments/{EG}", new { operationalName = "CH Fleyriat" }).EnsureOk();

        Assert.That((await Client.GetAsync($"/fhir/Organization/{EG}")).Headers.ETag?.ToString(), Is.EqualTo("W/\"2\""));
        Assert.That(await Client.GetStringAsync($"/fhir/Location/{_location}"), Is.EqualTo(published));
    }

    [Test]
    public async Task an_outdated_change_publishes_nothing_new()
    {
        var available = Indicator("02", 3);
        await App.Store.AppendCapacity(Added(available));

        await App.Store.AppendCapacity(new OutdatedCapacityChangeRecorded(
            available with { Count = 9, SourceDate = SourceDate.AddHours(-1) }, SourceDate, new Actor("test-supplier"), DateTimeOffset.UtcNow, null));

        Assert.That((await Client.GetAsync($"/fhir/Location/{_location}")).Headers.ETag?.ToString(), Is.EqualTo("W/\"2\""));
    }

    [Test]
    public async Task a_change_of_one_indicator_rewrites_that_indicator_s_index_row_alone()
    {
        var available = Indicator("02", 3, gender: "01");
        var installed = Indicator("01", 15);
        var closed = Indicator("03", 2);
        await App.Store.AppendCapacity(Added(available), Added(installed), Added(closed));
        var before = await CapacityIndexRows();
        Assert.That(before.Select(r => r.Status), Is.EquivalentTo(new[] { "01", "02", "03" }));

        await App.Store.AppendCapacity(Replaced(available with { Count = 4 }), Deleted(closed.Key));

        var after = await CapacityIndexRows();
        Assert.That(after.Select(r => (r.Status, r.Count)), Is.EquivalentTo(new[] { ("01", 15), ("02", 4) }));
        Assert.That(after.Single(r => r.Status == "01").Row, Is.EqualTo(before.Single(r => r.Status == "01").Row),
            "the unchanged indicator's row stays where it was: not deleted and inserted again");
        Assert.That(after.Single(r => r.Status == "02").Row, Is.Not.EqualTo(before.Single(r => r.Status == "02").Row), "the changed one is written anew");
        Assert.That(await Total($"Location?_id={_location}&capacity-status=02&gender-capacity-available=01&nb-capacity=4"), Is.EqualTo(1));
        Assert.That(await Total($"Location?_id={_location}&capacity-status=02&nb-capacity=3"), Is.Zero, "the former count is gone");
        Assert.That(await Total($"Location?_id={_location}&capacity-status=03"), Is.Zero, "the deleted indicator is gone");
    }

    private async Task<int> Total(string query)
    {
        var bundle = await Client.GetFromJsonAsync<JsonObject>("/fhir/" + query);
        return bundle!["total"]!.GetValue<int>();
    }

    /// <summary>The Location's capacity index rows, each with its physical place (ctid) and the transaction that wrote it.</summary>
    private async Task<List<(string Status, int? Count, string Row)>> CapacityIndexRows()
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            $"select status, nb_capacity, ctid::text || '/' || xmin::text from {App.Store.Options.DatabaseSchemaName}.fhir_search_capacity where resource_type = 'Location' and id = $1",
            connection) { Parameters = { new() { Value = _location } } };
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, int?, string)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.GetString(2)));
        return rows;
    }

    private async Task<Dictionary<string, int>> VersionCounts()
    {
        var versions = await StoredVersionRows.Where(ConnectionString);
        return versions.GroupBy(v => v.ResourceType).ToDictionary(g => g.Key, g => g.Count());
    }

    private static string StatusOf(Extension capacity) =>
        ((CodeableConcept)capacity.GetExtension(CapacityCodes.CapacityStatus)!.Value!).Coding.Single().Code!;

    private static int CountOf(Extension capacity) => ((Integer)capacity.GetExtension(CapacityCodes.Count)!.Value!).Value!.Value;
}
