using System.Diagnostics;
using JasperFx.Events.Projections;
using Marten;
using RorNational.Fhir.Rebuilding;

namespace RorNational.Host.Rebuilding;

/// <summary>
/// The tables a rebuild empties and writes again (<see cref="Of"/>), and their tidying once it has
/// committed (<see cref="VacuumAsync"/>). Every row the publication held before is dead then: the
/// tables are about twice their size, each index holds every key twice, no page is marked
/// all-visible (so the searches' index-only scans visit the heap for every entry), and the
/// planner's statistics still describe the tables as they were. Autovacuum gets there in its own
/// time, throttled (minutes to hours for a national publication). <c>VACUUM (ANALYZE)</c> of the
/// rewritten tables does it at once, unthrottled, and blocks neither reads nor writes (measured:
/// README, "Rebuilding the publication from the events").
/// </summary>
public static class RebuiltTables
{
    /// <summary>
    /// What the inline projections write, schema-qualified: the tables of their documents, and our
    /// own tables they write (<see cref="PublicationOutputs"/>).
    /// </summary>
    public static IReadOnlyList<string> Of(DocumentStore store)
    {
        var documentTypes = store.Options.Projections.All
            .Where(p => p.Lifecycle == ProjectionLifecycle.Inline)
            .SelectMany(p => p.PublishedTypes())
            .Concat(PublicationOutputs.DocumentTypes);
        var schema = store.Options.DatabaseSchemaName;
        return
        [
            .. documentTypes.Select(type => ((IReadOnlyStoreOptions)store.Options).FindOrResolveDocumentType(type).TableName.QualifiedName).Distinct(),
            .. PublicationOutputs.Tables.Select(table => $"{schema}.{table}"),
        ];
    }

    /// <summary>
    /// Those the rebuild empties with <c>delete</c> before replaying the events: all but the search
    /// index tables, which it writes afresh and swaps in (<see cref="FreshIndexTables"/>).
    /// </summary>
    public static IReadOnlyList<string> EmptiedInPlace(DocumentStore store)
    {
        var schema = store.Options.DatabaseSchemaName;
        var replaced = PublicationOutputs.IndexTables.Select(table => $"{schema}.{table}").ToHashSet();
        return [.. Of(store).Where(table => !replaced.Contains(table))];
    }

    public static async Task<TimeSpan> VacuumAsync(DocumentStore store, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        // Outside any transaction (VACUUM refuses one), as long as it takes.
        await using var command = connection.CreateCommand();
        command.CommandText = $"vacuum (analyze) {string.Join(", ", Of(store))}";
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellation);
        return clock.Elapsed;
    }
}
