using RorNational.Fhir.Search.Indexing.Capacity;
using RorNational.Fhir.Search.Indexing.Tags;
using System.Text;
using System.Text.RegularExpressions;
using Marten;
using Npgsql;
using RorNational.Fhir.Availability.Figures;
using RorNational.Fhir.Provenances;
using RorNational.Fhir.Rebuilding;
using RorNational.Fhir.Storage;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Rebuilding;

/// <summary>
/// Everything the publication serves, as text by key: every resource read by id through each
/// access profile (status, ETag, Last-Modified, body), every version (vread), each history,
/// every row of every search index table and of the lieux' figures, in order, each EG as its editors read it (the
/// inline snapshot, rebuilt with the publication), and the Provenance of every write.
/// </summary>
public static partial class ServedPublication
{
    public static readonly string[] Profiles = ["public", "crisis", "professional", "medico-social", "no-contacts", "installed-capacity"];


    public static async Task<SortedDictionary<string, string>> TakeAsync(RorNationalApp app, string connectionString)
    {
        var served = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var session = app.Store.QuerySession();
        var resourceTypes = new (string Type, IReadOnlyList<FhirDocument> Documents)[]
        {
            ("Organization", await session.Query<OrganizationDocument>().OrderBy(d => d.Id).ToListAsync()),
            ("HealthcareService", await session.Query<HealthcareServiceDocument>().OrderBy(d => d.Id).ToListAsync()),
            ("Location", await session.Query<LocationDocument>().OrderBy(d => d.Id).ToListAsync()),
            ("Practitioner", await session.Query<PractitionerDocument>().OrderBy(d => d.Id).ToListAsync()),
            ("PractitionerRole", await session.Query<PractitionerRoleDocument>().OrderBy(d => d.Id).ToListAsync()),
        };
        foreach (var (type, documents) in resourceTypes)
        {
            foreach (var profile in Profiles)
            {
                using var client = app.ClientFor("test-consumer-" + profile);
                foreach (var document in documents)
                {
                    var path = $"/fhir/{type}/{document.Id}";
                    served[$"{profile} {path}"] = await Answer(client, path);
                    served[$"{profile} {path}/_history"] = await Answer(client, path + "/_history");
                    for (var version = 1; version <= document.Version; version++)
                        served[$"{profile} {path}/_history/{version}"] = await Answer(client, $"{path}/_history/{version}");
                }
            }
        }
        using (var editor = app.ClientFor(TestClients.AllRights))
            foreach (var eg in resourceTypes[0].Documents.Where(d => d.Id.StartsWith("eg-", StringComparison.Ordinal)))
                served[$"editor /api/establishments/{eg.Id}"] = await Answer(editor, $"/api/establishments/{eg.Id}");
        var schema = app.Store.Options.DatabaseSchemaName;
        foreach (var table in PublicationOutputs.IndexTables.Append(AvailabilityFiguresTable.Name))
        {
            // The kept counts hold changes: the same sums, whatever rows hold them.
            var rows = await Rows(connection, table switch
            {
                ServiceCapacityCounts.Table => Capacity.Searching.ServiceCapacityTable.KeptCounts(schema),
                TagCounts.Table => Search.TagCountTable.KeptCounts(schema),
                _ => $"select t::text from {schema}.{table} t order by t::text collate \"C\"",
            });
            served[$"index {table}"] = string.Join('\n', rows.Select(r => r[0]));
        }
        // Recorded is the event's timestamp as the appending process had it (100 ns ticks), the
        // database's when replayed (microseconds): the Provenance served (its Json) says milliseconds.
        var provenance = await Rows(connection,
            $"select concat_ws(' | ', id, sequence, stream, agents, main_agent, main_agent_type, activity, targets, target_classes, json) from {schema}.{ProvenanceRecordTable.Name} order by id collate \"C\"");
        served["provenance records"] = string.Join('\n', provenance.Select(r => r[0]));
        return served;
    }

    private static async Task<string> Answer(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = new StringBuilder()
            .AppendLine(((int)response.StatusCode).ToString())
            .AppendLine("ETag: " + response.Headers.ETag)
            .AppendLine("Last-Modified: " + response.Content.Headers.LastModified?.ToString("R"))
            .Append(BundleId().Replace(await response.Content.ReadAsStringAsync(), "\"resourceType\":\"Bundle\",\"id\":\"(each answer its own)\""));
        return text.ToString();
    }

    /// <summary>A history Bundle gets a new id at each answer.</summary>
    [GeneratedRegex("\"resourceType\":\"Bundle\",\"id\":\"[0-9a-f-]{36}\"")]
    private static partial Regex BundleId();

    private static async Task<List<string?[]>> Rows(NpgsqlConnection connection, string query)
    {
        await using var command = new NpgsqlCommand(query, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await reader.ReadAsync())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i).ToString()).ToArray());
        return rows;
    }
}
