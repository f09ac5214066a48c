using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Search;

/// <summary>
/// A search's statements are prepared (Npgsql prepares a statement at its fifth use on a
/// connection) and PostgreSQL would, after five runs, keep a generic plan made without the
/// values, which on skewed values (a région of 27,000 lieux) took 338 ms for a page of 1.4 ms.
/// Searches plan each run for its values: after the same search ran many times, the prepared
/// search statements on the node's connections hold custom plans only.
/// </summary>
public sealed class plans_made_for_the_values : SearchFixture
{
    [Test]
    public async Task a_search_run_many_times_is_planned_for_its_values_every_time()
    {
        // The most frequent value of the index, with fresh statistics: the plan made for it expects many rows, so that
        // PostgreSQL, comparing with a generic plan expecting the average, would keep the generic one.
        await Sql.Execute(ConnectionString, "analyze ror.fhir_search_token; analyze ror.fhir_search_resource");
        var (param, system, code) = (await Sql.Rows(ConnectionString,
            "select param, system, code from ror.fhir_search_token where resource_type = 'HealthcareService' and param not like '\\_%' and system <> '' " +
            "group by param, system, code order by count(*) desc, param, system, code limit 1",
            r => (r.GetString(0), r.GetString(1), r.GetString(2)))).Single();
        var search = $"/fhir/HealthcareService?{param}={Uri.EscapeDataString(system + "|" + code)}&_count=2";
        var client = App.ClientFor("test-consumer-crisis");
        for (var run = 0; run < 30; run++)
        {
            var response = await client.GetAsync(search);
            Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        }

        var (generic, custom) = await PlansOfSearchStatements();
        TestContext.Out.WriteLine($"prepared search statements: {generic} generic plans, {custom} custom plans");
        Assert.Multiple(() =>
        {
            Assert.That(custom, Is.GreaterThan(0), "the test needs the search's statements prepared and run on the node's connections");
            Assert.That(generic, Is.Zero, "a prepared search statement ran a generic plan");
        });
    }

    /// <summary>
    /// The plans of the prepared search statements on every idle connection of the node's pool:
    /// connections opened at once from the store take the idle ones first.
    /// </summary>
    private async Task<(long Generic, long Custom)> PlansOfSearchStatements()
    {
        var store = App.Services.GetRequiredService<IDocumentStore>();
        var connections = new List<NpgsqlConnection>();
        try
        {
            long generic = 0, custom = 0;
            for (var i = 0; i < 20; i++)
            {
                var connection = store.Storage.Database.CreateConnection();
                connections.Add(connection);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(
                    "select coalesce(sum(generic_plans), 0)::bigint, coalesce(sum(custom_plans), 0)::bigint from pg_prepared_statements " +
                    "where statement like '%fhir_search_token%' and statement not like '%pg_prepared_statements%'", connection);
                await using var reader = await command.ExecuteReaderAsync();
                await reader.ReadAsync();
                generic += reader.GetInt64(0);
                custom += reader.GetInt64(1);
            }
            return (generic, custom);
        }
        finally
        {
            foreach (var connection in connections) await connection.DisposeAsync();
        }
    }
}
