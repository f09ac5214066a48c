using Marten;

namespace RorNational.Fhir.Search.Indexing;

/// <summary>
/// The schema in which the index writers (<see cref="SearchIndexWriter"/>, the capacity, equipment
/// and price writers) write the search index tables: the store's own, except while a rebuild of
/// the publication fills fresh tables in a staging schema of its own, to swap them in when it
/// commits (Host/Rebuilding/FreshIndexTables). The redirection holds for the code that runs on the
/// rebuild's flow, until disposed; every other flow writes the store's tables.
/// </summary>
public static class IndexWriteTarget
{
    private static readonly AsyncLocal<string?> Redirected = new();

    public static string SchemaOf(IDocumentOperations operations) => Redirected.Value ?? operations.DocumentStore.Options.DatabaseSchemaName;

    /// <summary>Whether this flow writes a rebuild's staging tables, whose derived tables are filled once the others are loaded (<see cref="Schema.IndexTable.Derivation"/>).</summary>
    public static bool IsStaged => Redirected.Value is not null;

    /// <summary>Until disposed, the index tables written on this flow are those of <paramref name="schema"/>.</summary>
    public static IDisposable RedirectTo(string schema)
    {
        var previous = Redirected.Value;
        Redirected.Value = schema;
        return new Restore(previous);
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => Redirected.Value = previous;
    }
}
