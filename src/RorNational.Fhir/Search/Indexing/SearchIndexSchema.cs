using Marten;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace RorNational.Fhir.Search.Indexing;

/// <summary>
/// Creates the search index tables (search-index.sql) at start-up, idempotently, in the
/// store's schema. They are plain tables rather than Marten documents: the projection writes
/// them with set-based SQL, and the search engine reads them with its own SQL.
/// </summary>
public sealed class SearchIndexSchema(IDocumentStore store) : IHostedService
{
    /// <summary>Every index table: what a resource's rows are deleted from when it is republished or retired.</summary>
    public static readonly string[] Tables =
        ["fhir_search_resource", "fhir_search_token", "fhir_search_string", "fhir_search_number",
         "fhir_search_date", "fhir_search_reference", "fhir_search_position", "fhir_search_text"];

    public static string Sql(string schema)
    {
        using var stream = typeof(SearchIndexSchema).Assembly.GetManifestResourceStream("search-index.sql")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("{schema}", schema);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        // Several hosts may start at once: one creates the tables while the others wait.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_xact_lock(hashtext('rornational.search-index-schema'))", connection, transaction))
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(Sql(store.Options.DatabaseSchemaName), connection, transaction))
            await create.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
