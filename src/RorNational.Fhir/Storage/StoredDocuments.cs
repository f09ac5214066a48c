using Marten;
using Npgsql;

namespace RorNational.Fhir.Storage;

/// <summary>
/// Loads current resources through a Marten session's connection (in its transaction) without
/// deserializing their FHIR JSON: PostgreSQL hands over the resource's JSON as stored
/// (<c>-&gt;&gt;</c>, a string member of 4 to 10 KB) apart from the rest of the document, which the
/// store's own serializer reads. Loaded whole, the document came as JSON text in which PostgreSQL
/// escaped the resource's JSON and the host's serializer unescaped it back: for a capacity change,
/// whose publication loads each changed Location, that was the largest part of loading it. The
/// documents are Marten's own; a capacity change writes its Locations back the same way, their
/// JSON as text (<see cref="LocationRowsUpdate"/>).
/// </summary>
public static class StoredDocuments
{
    /// <summary>Those of these ids that are stored, by id (none asked: no query).</summary>
    public static async Task<Dictionary<string, TDocument>> LoadManyAsync<TDocument>(IQuerySession session, IEnumerable<string> ids,
        CancellationToken cancellation) where TDocument : FhirDocument
    {
        var distinct = ids.Distinct().ToArray();
        var documents = new Dictionary<string, TDocument>(distinct.Length);
        if (distinct.Length == 0) return documents;
        var options = session.DocumentStore.Options;
        var table = options.FindOrResolveDocumentType(typeof(TDocument)).TableName.QualifiedName;
        await using var command = new NpgsqlCommand(
            $"select d.data - 'Json', d.data ->> 'Json' from {table} as d where d.id = any($1)")
        {
            Parameters = { new NpgsqlParameter<string[]> { TypedValue = distinct } },
        };
        var serializer = options.Serializer();
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var document = serializer.FromJson<TDocument>(reader, 0);
            document.Json = reader.GetString(1);
            documents[document.Id] = document;
        }
        return documents;
    }
}
