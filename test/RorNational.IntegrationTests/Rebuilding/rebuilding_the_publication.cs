using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marten;
using Npgsql;
using RorNational.Fhir.Publishing;
using RorNational.Fhir.Search.Indexing;
using RorNational.Fhir.Storage;
using RorNational.Host.Rebuilding;
using RorNational.IntegrationTests.Finess;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Rebuilding;

/// <summary>
/// `rebuild-publication`, run as its own process on the fixture's database, gives back the
/// publication that was served: the same resources through every profile, versions, history
/// and search index rows, whatever happened to the publication's tables in between.
/// </summary>
public sealed class rebuilding_the_publication : ApiFixture
{
    [Test, CancelAfter(600_000)]
    public async Task after_imports_dossiers_direct_edits_and_a_closure_the_rebuilt_publication_is_the_one_served()
    {
        await GivenAHistoryOfEveryKindOfChange();
        var served = await ServedPublication.TakeAsync(App, ConnectionString);
        Assert.That(served.Values, Has.Some.StartsWith("410"), "a unit removed by a dossier is served as gone");
        Assert.That(served.Values, Has.Some.Contains("\"active\":false"), "an EG closed by the import");
        Assert.That(served.Keys, Has.Some.EndsWith("/_history/3"), "resources with several versions");
        Assert.That(served["index fhir_search_token"], Is.Not.Empty);

        await DamageThePublication();
        Assert.That(await ServedPublication.TakeAsync(App, ConnectionString), Is.Not.EqualTo(served), "the damage shows");

        var (exitCode, output) = await HostCommand.RunAsync(ConnectionString, "rebuild-publication");

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output.Split('\n').Where(line => line.StartsWith("Rebuilt the publication from", StringComparison.Ordinal)),
            Has.One.Contain("events/s").And.Contain("index rows."), "the summary, whole on one line (build/bench reads it)");
        AssertSame(await ServedPublication.TakeAsync(App, ConnectionString), served);

        // Windows that end inside the history (a run per window at the smallest), batches of a run or two.
        foreach (var flags in new[] { new[] { "--window", "1", "--batch-size", "1" }, ["--window", "3", "--batch-size", "2"] })
        {
            await DamageThePublication();
            var (code, said) = await HostCommand.RunAsync(ConnectionString, "rebuild-publication", flags);
            Assert.That(code, Is.Zero, said);
            AssertSame(await ServedPublication.TakeAsync(App, ConnectionString), served, string.Join(' ', flags));
        }
    }

    [Test, CancelAfter(300_000)]
    public async Task once_committed_the_rewritten_tables_are_vacuumed_and_analyzed_before_the_command_returns()
    {
        await Client.PublishHospital();
        var schema = App.Store.Options.DatabaseSchemaName;
        string[] tables = ["fhir_search_token", "fhir_search_resource", "fhir_resource_version", "mt_doc_locationdocument", "mt_doc_publicationstate", "mt_doc_eg"];
        var before = await ManualMaintenanceOf(schema, tables);

        var (exitCode, output) = await HostCommand.RunAsync(ConnectionString, "rebuild-publication");

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("Vacuumed and analyzed"));
        var listed = output.Split('\n').Single(line => line.StartsWith("Rewritten tables: ", StringComparison.Ordinal)).TrimEnd().TrimEnd('.');
        Assert.That(listed["Rewritten tables: ".Length..].Split(", "), Is.SupersetOf(tables.Select(table => $"{schema}.{table}")),
            "the tables it rewrote listed on one line (build/bench's rebuild floor copies them)");
        var after = await ManualMaintenanceOf(schema, tables);
        foreach (var table in tables)
        {
            // The search index tables are fresh ones, swapped in by the rebuild: PostgreSQL counts from zero for
            // them, and the rebuild analyzed them as they filled (FreshIndexTables.AnalyzedAfter).
            var fresh = table.StartsWith("fhir_search_", StringComparison.Ordinal);
            Assert.That(after[table].Vacuums, Is.EqualTo((fresh ? 0 : before[table].Vacuums) + 1), $"{table} vacuumed by the command, not left to autovacuum");
            if (fresh) Assert.That(after[table].Analyzes, Is.GreaterThanOrEqualTo(1), $"{table} analyzed");
            else Assert.That(after[table].Analyzes, Is.EqualTo(before[table].Analyzes + 1), $"{table} analyzed by the command");
        }
    }

    [Test, CancelAfter(300_000)]
    public async Task the_search_index_is_written_into_fresh_tables_swapped_in_as_the_schema_defines_them()
    {
        await Client.PublishHospital();
        var schema = App.Store.Options.DatabaseSchemaName;
        var before = await TableIdsAsync(schema);
        // A reporting role's read access to one index table, which the fresh table must carry too.
        var reporting = $"rornational_reporting_{Guid.NewGuid():N}";
        await SqlAsync($"create role {reporting}; grant select on {schema}.fhir_search_token to {reporting}");
        try
        {
            var (exitCode, output) = await HostCommand.RunAsync(ConnectionString, "rebuild-publication");

            Assert.That(exitCode, Is.Zero, output);
            Assert.That(await ScalarAsync($"select has_table_privilege('{reporting}', '{schema}.fhir_search_token', 'select')"), Is.True, "the grant carried over");
            Assert.That(await ScalarAsync($"select has_table_privilege('{reporting}', '{schema}.fhir_search_string', 'select')"), Is.False, "and no other");
        }
        finally
        {
            await SqlAsync($"drop owned by {reporting}; drop role {reporting}");
        }
        var after = await TableIdsAsync(schema);
        foreach (var table in SearchIndexSchema.Tables)
            Assert.That(after[table], Is.Not.EqualTo(before[table]), $"{table}: a fresh table, not the previous one emptied");
        Assert.That(after[ResourceVersionTable.Name], Is.EqualTo(before[ResourceVersionTable.Name]), "the other tables are emptied in place");
        // Every index and extended statistics object under the name the schema defines: the migrations see nothing to change.
        await App.Store.Storage.Database.AssertDatabaseMatchesConfigurationAsync();
        Assert.That(await ScalarAsync("select count(*) from pg_namespace where nspname = $1", $"{schema}_rebuild"), Is.Zero, "the staging schema is gone");
        var located = await Client.GetFromJsonAsync<JsonObject>("/fhir/Location?_count=1");
        Assert.That(located!["total"]!.GetValue<int>(), Is.GreaterThan(0), "searches read the swapped-in index");
    }

    [Test, CancelAfter(300_000)]
    public async Task a_read_holding_the_search_index_past_the_lock_timeout_makes_it_refuse_and_nothing_changes()
    {
        await Client.PublishHospital();
        var schema = App.Store.Options.DatabaseSchemaName;
        var before = await TableIdsAsync(schema);
        var served = await ServedPublication.TakeAsync(App, ConnectionString);
        await using var reader = new NpgsqlConnection(ConnectionString);
        await reader.OpenAsync();
        await using var reading = await reader.BeginTransactionAsync();
        // What a search in progress holds on the table it reads, kept past the rebuild's --lock-timeout.
        await using (var hold = new NpgsqlCommand($"lock table {schema}.fhir_search_token in access share mode", reader, reading))
            await hold.ExecuteNonQueryAsync();

        var (exitCode, output) = await HostCommand.RunAsync(ConnectionString, "rebuild-publication", "--lock-timeout", "2");
        await reading.RollbackAsync();

        Assert.That(exitCode, Is.Not.Zero, output);
        Assert.That(output, Does.Contain("Rebuild refused, nothing changed").And.Contain("could not be swapped in"));
        Assert.That(await TableIdsAsync(schema), Is.EqualTo(before), "the previous tables are still there");
        Assert.That(await ServedPublication.TakeAsync(App, ConnectionString), Is.EqualTo(served), "the publication served as before");
    }

    private async Task SqlAsync(string sql) => await RowsAsync(sql, _ => 0);

    private async Task<object?> ScalarAsync(string sql, params object[] parameters) =>
        (await RowsAsync(sql, row => row.GetValue(0), parameters)).Single();

    /// <summary>Each table of the schema by its PostgreSQL object id (a fresh table gets a new one).</summary>
    private async Task<Dictionary<string, uint>> TableIdsAsync(string schema) =>
        (await RowsAsync("select c.relname, c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind = 'r'",
            row => (Table: row.GetString(0), Id: row.GetFieldValue<uint>(1)), schema)).ToDictionary(r => r.Table, r => r.Id);

    /// <summary>How many times each table was vacuumed and analyzed by a command (autovacuum counts apart), as PostgreSQL's statistics say.</summary>
    private async Task<Dictionary<string, (long Vacuums, long Analyzes)>> ManualMaintenanceOf(string schema, string[] tables)
    {
        var counts = (await RowsAsync("select relname, vacuum_count, analyze_count from pg_stat_user_tables where schemaname = $1 and relname = any($2)",
            row => (Table: row.GetString(0), Counts: (row.GetInt64(1), row.GetInt64(2))), schema, tables)).ToDictionary(r => r.Table, r => r.Counts);
        Assert.That(counts.Keys, Is.EquivalentTo(tables));
        return counts;
    }

    /// <summary>The rows of one statement (positional parameters $1, $2...), on a connection of its own.</summary>
    private async Task<List<T>> RowsAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }

    [Test, CancelAfter(300_000)]
    public async Task on_an_empty_store_the_rebuild_ends_with_an_empty_publication()
    {
        var (exitCode, output) = await HostCommand.RunAsync(ConnectionString, "rebuild-publication");

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("Rebuilt the publication from 0 events of 0 streams"));
        Assert.That(output, Does.Contain("0 resources, 0 versions, 0 index rows"));
    }

    [Test, CancelAfter(300_000)]
    public async Task while_a_write_is_in_flight_the_rebuild_refuses_and_changes_nothing()
    {
        await Client.PublishHospital();
        var served = await ServedPublication.TakeAsync(App, ConnectionString);
        await using var writer = new NpgsqlConnection(ConnectionString);
        await writer.OpenAsync();
        await using var transaction = await writer.BeginTransactionAsync();
        await using (var append = new NpgsqlCommand($"lock table {App.Store.Options.DatabaseSchemaName}.mt_events in row exclusive mode", writer, transaction))
            await append.ExecuteNonQueryAsync();

        var (exitCode, output) = await HostCommand.RunAsync(ConnectionString, "rebuild-publication", "--lock-timeout", "1");

        await transaction.RollbackAsync();
        Assert.That(exitCode, Is.Not.Zero, output);
        Assert.That(output, Does.Contain("Rebuild refused, nothing changed"));
        AssertSame(await ServedPublication.TakeAsync(App, ConnectionString), served);
    }

    [Test, CancelAfter(120_000)]
    public async Task while_a_rebuild_holds_its_lock_writes_wait_and_reads_go_on()
    {
        await Client.PublishHospital();
        await using var rebuild = new NpgsqlConnection(ConnectionString);
        await rebuild.OpenAsync();
        await using var transaction = await rebuild.BeginTransactionAsync();
        await WriteLock.TakeAsync(transaction, App.Store.Options.DatabaseSchemaName, TimeSpan.FromSeconds(5), CancellationToken.None);

        var write = Client.PatchAsJsonAsync($"/api/establishments/{EG}", new { operationalName = "CH Fleyriat" });
        var read = await Client.GetAsync($"/fhir/Organization/{EG}");

        Assert.That(read.IsSuccessStatusCode, Is.True, "a read is served meanwhile");
        Assert.That(await AnAppendWaitsOnTheEventTable(), Is.True, "the write waits for the rebuild");
        Assert.That(write.IsCompleted, Is.False);
        await transaction.CommitAsync();
        await write.EnsureOk();
        Assert.That(await Client.GetStringAsync($"/fhir/Organization/{EG}"), Does.Contain("CH Fleyriat"));
    }

    private async Task<bool> AnAppendWaitsOnTheEventTable()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var waiting = new NpgsqlCommand(
            $"select count(*) from pg_locks where not granted and relation = '{App.Store.Options.DatabaseSchemaName}.mt_events'::regclass", connection);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if ((long)(await waiting.ExecuteScalarAsync())! > 0) return true;
            await Task.Delay(100);
        }
        return false;
    }

    /// <summary>
    /// FINESS imports, one leaving EGs out with confirmClosures=true, the next renaming and
    /// reopening one of them; dossiers that
    /// publish, change, add a sensitive unit, remove units, one rejected; direct edits.
    /// </summary>
    private async Task GivenAHistoryOfEveryKindOfChange()
    {
        var sample = FinessImportCalls.Sample();
        Assert.That((await Client.Import(sample))["status"]!.GetValue<string>(), Is.EqualTo("Completed"));

        await Client.Register(Requests.Registration()).EnsureOk();
        await Client.Accept(await Client.SubmitDossier([.. HospitalFiches, ("uf-pneumo", Unit("UF", "UF pneumologie", "pole-medecine"))])).EnsureOk();

        var changes = await Client.OpenDossier();
        await Draft(changes, "uo-cardio-hc", UO("Cardiologie - hospitalisation complète et semaine"));
        await Draft(changes, "lieu-pavillon-b", PavilionB());
        await Draft(changes, "uo-psy", SensitiveUO());
        await Client.DeleteAsync($"/api/establishments/{EG}/dossiers/{changes}/fiches/uf-pneumo").EnsureOk();
        await Client.Submit(changes).EnsureOk();
        // Validated by another client than its opener: the Provenance names both.
        using (var validator = App.ClientFor(TestClients.ValidatorAra))
            await validator.Accept(changes).EnsureOk();

        await Client.RemoveThroughDossier("uo-psy");

        var rejected = await Client.OpenDossier();
        await Draft(rejected, "uo-cardio-hc", UO("Cardiologie (refusé)"));
        await Client.Submit(rejected).EnsureOk();
        await Client.Reject(rejected, "nom non conforme").EnsureOk();

        await Client.PutAsJsonAsync($"/api/establishments/{EG}/uo/uo-cardio-hc/content", Content(16)).EnsureOk();
        await Client.PatchAsJsonAsync($"/api/establishments/{EG}", new { operationalName = "CH Fleyriat" }).EnsureOk();

        var withoutCroixRousse = string.Join('\n', sample.Split('\n').Where(line => !line.Contains(";690000021;")))
            .Replace(";69437 LYON CEDEX 03;", ";69003 LYON;");
        var closing = await Client.Import(withoutCroixRousse, "?confirmClosures=true");
        Assert.That(closing["status"]!.GetValue<string>(), Is.EqualTo("Completed"), closing.ToJsonString());
        Assert.That(closing["closed"]!.GetValue<int>(), Is.GreaterThan(0), closing.ToJsonString());

        // Renamed and reopened in one transaction: two events of one stream, one new version.
        var reopening = await Client.Import(sample.Replace(";HOPITAL DE LA CROIX ROUSSE;", ";HOPITAL CROIX ROUSSE HCL;"));
        Assert.That(reopening["reopened"]!.GetValue<int>(), Is.EqualTo(1), reopening.ToJsonString());
    }

    private async Task Draft(string dossier, string ficheId, JsonObject body)
    {
        await Client.DraftFiche(dossier, ficheId, body).EnsureOk();
        await Client.Finalize(dossier, ficheId).EnsureOk();
    }

    private static JsonObject Unit(string type, string name, string parentId) => new() { ["type"] = type, ["name"] = name, ["parentId"] = parentId };

    private static JsonObject PavilionB()
    {
        var lieu = Lieu();
        lieu["name"] = "Pavillon B";
        lieu["lieu"]!["idExterneSynchro"] = "PAVILLON-B";
        return lieu;
    }

    private static JsonObject SensitiveUO()
    {
        var uo = UO("Psychiatrie - soins intensifs");
        uo["uo"]!["lieuIds"] = new JsonArray("lieu-pavillon-b");
        uo["uo"]!["content"]!["sensitiveUnit"] = true;
        return uo;
    }

    /// <summary>What a rebuild must repair: a changed document, a stray one, lost versions, states, index rows and an EG snapshot.</summary>
    private async Task DamageThePublication()
    {
        await using var session = App.Store.LightweightSession();
        var organization = (await session.Query<OrganizationDocument>().ToListAsync()).First();
        organization.Json = "{\"resourceType\":\"Organization\",\"id\":\"" + organization.Id + "\"}";
        session.Store(organization);
        session.Store(new LocationDocument { Id = "stray", Version = 1, Json = "{\"resourceType\":\"Location\",\"id\":\"stray\"}" });
        session.QueueSqlCommand($"delete from {App.Store.Options.DatabaseSchemaName}.{ResourceVersionTable.Name} where version = 1");
        session.DeleteWhere<PublicationState>(s => true);
        session.QueueSqlCommand($"delete from {App.Store.Options.DatabaseSchemaName}.fhir_search_token");
        session.Delete<RorNational.Domain.Establishments.EG>(StructureRequests.EG);
        await session.SaveChangesAsync();
    }

    private static void AssertSame(SortedDictionary<string, string> rebuilt, SortedDictionary<string, string> served, string rebuild = "default flags")
    {
        Assert.That(rebuilt.Keys, Is.EqualTo(served.Keys), $"the same resources, versions and index tables ({rebuild})");
        foreach (var (key, expected) in served)
            Assert.That(rebuilt[key], Is.EqualTo(expected), $"{key} ({rebuild})");
    }
}
