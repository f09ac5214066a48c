using System.Net.Http.Json;
using Npgsql;
using RorNational.Fhir.Search.Definitions;
using RorNational.Fhir.Search.Indexing.Absence;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Search;

/// <summary>
/// The resource row's "absent" parameters (what ":missing=true" looks up under its GIN index)
/// say exactly what the index rows say: a tracked parameter is absent when, and only when,
/// the resource has no row of it in its table, hidden or not. Kept by every write that
/// republishes (the rebuild's equality with the inline publication is checked by
/// Rebuilding/rebuilding_the_publication, which compares every column of every index table).
/// </summary>
public sealed class knowing_what_a_resource_lacks : ApiFixture
{
    [Test]
    public async Task after_a_publication_and_a_change_each_resource_lacks_exactly_the_parameters_it_has_no_row_of()
    {
        await Client.PublishHospital();
        await Client.PutAsJsonAsync($"/api/establishments/{EG}/uo/uo-cardio-hc/content", Content(16)).EnsureOk();

        var checkedResources = await CheckEveryResource();

        Assert.That(checkedResources, Is.GreaterThan(3), "the hospital's Organization, UO and lieux");
    }

    [Test]
    public async Task a_unit_with_a_specialty_does_not_lack_it()
    {
        await Client.PublishHospital();
        var cardio = await Client.FhirIdOfUnit("HealthcareService", "010000024-uo-cardio-hc");
        var bundle = await Client.GetStringAsync("/fhir/HealthcareService?specialty:missing=true");
        Assert.That(bundle, Does.Not.Contain(cardio));
        Assert.That(await Absent("HealthcareService", cardio), Does.Not.Contain("specialty"));
    }

    /// <summary>Every resource row against its index rows; the number of resources checked.</summary>
    private async Task<int> CheckEveryResource()
    {
        var schema = App.Store.Options.DatabaseSchemaName;
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var resources = new List<(string Type, string Id, string[] Absent)>();
        await using (var command = new NpgsqlCommand($"select resource_type, id, absent from {schema}.fhir_search_resource", connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) resources.Add((reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2)));

        foreach (var (type, id, absent) in resources)
        foreach (var parameter in SearchParameterCatalog.Default.Of(type).Where(p => AbsentParameters.Tracks(type, p)))
        {
            await using var rows = new NpgsqlCommand(
                $"select exists (select 1 from {schema}.fhir_search_{AbsentParameters.TableOf(parameter.Type)} " +
                "where resource_type = $1 and id = $2 and param = $3)", connection)
            { Parameters = { new() { Value = type }, new() { Value = id }, new() { Value = parameter.Code } } };
            var hasRows = (bool)(await rows.ExecuteScalarAsync())!;
            Assert.That(absent.Contains(parameter.Code), Is.EqualTo(!hasRows), $"{type}/{id} {parameter.Code}");
        }
        return resources.Count;
    }

    private async Task<string[]> Absent(string type, string id)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select absent from {App.Store.Options.DatabaseSchemaName}.fhir_search_resource where resource_type = $1 and id = $2", connection)
        { Parameters = { new() { Value = type }, new() { Value = id } } };
        return (string[])(await command.ExecuteScalarAsync())!;
    }
}
