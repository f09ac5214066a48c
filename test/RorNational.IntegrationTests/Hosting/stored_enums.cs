using System.Net;
using Npgsql;
using RorNational.Fhir.Storage;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Hosting;

/// <summary>
/// Enums are stored by name in every document (the store's one rule, which LINQ queries
/// follow), flags as a list of names; documents written before with numbers are still read.
/// </summary>
public sealed class stored_enums : ApiFixture
{
    [Test]
    public async Task data_classes_are_stored_by_name_and_rows_holding_numbers_are_still_served_and_searched()
    {
        await Client.Register(Requests.Registration());
        var table = App.Store.Options.FindOrResolveDocumentType(typeof(OrganizationDocument)).TableName.QualifiedName;
        var before = await Client.GetStringAsync("/fhir/Organization/eg-010000024");
        var classSets = await Sql<string>($"select data ->> 'ClassSets' from {table} where id = 'eg-010000024'");
        Assert.That(classSets, Does.Match("^\\[(\"[A-Za-z0-9, ]+\"(,\"[A-Za-z0-9, ]+\")*)?\\]$"), "names, not numbers");

        await Sql<int>($"update {table} set data = jsonb_set(data, '{{ClassSets}}', '[0, 1, 5]') where id = 'eg-010000024' returning 1");

        Assert.That(await Client.GetStringAsync("/fhir/Organization/eg-010000024"), Is.EqualTo(before), "a row written before is read");
        var search = await Client.GetAsync("/fhir/Organization?identifier=010000024");
        Assert.That(search.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await search.Content.ReadAsStringAsync(), Does.Contain("\"id\":\"eg-010000024\""));
    }

    private async Task<T> Sql<T>(string statement)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(statement, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
