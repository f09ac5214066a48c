using System.Collections.Concurrent;
using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using Marten;
using Npgsql;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Reading;

/// <summary>
/// Loads the current resource a read by id serves without deserializing its stored document:
/// PostgreSQL hands over the fields the answer needs (the resource's JSON as stored, its version,
/// lastUpdated, content hash, class sets, whether retired), each by <c>-&gt;&gt;</c>. Loaded whole
/// by Marten, the document came as its JSON text, in which PostgreSQL escaped the resource's JSON
/// (a string member of 4 to 9 KB) and the host's serializer unescaped it back, for every read. The
/// resource's JSON is kept as the UTF-8 bytes PostgreSQL sent, which are the bytes of the answer:
/// no .NET string is made of it, nor written back to UTF-8. The row is Marten's (same table, the
/// fields its serializer wrote); the document type's table is Marten's own name for it. Answers
/// null for an id not stored.
/// </summary>
public static class CurrentResources
{
    public static async Task<CurrentResource?> LoadAsync<TDocument>(IDocumentStore store, string id, CancellationToken cancellation)
        where TDocument : FhirDocument
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(SelectOf(store, typeof(TDocument)), connection) { Parameters = { new NpgsqlParameter<string> { TypedValue = id } } };
        await using var row = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellation);
        if (!await row.ReadAsync(cancellation)) return null;
        return new CurrentResource(
            Id: id,
            Utf8Json: row.GetFieldValue<byte[]>(0),
            Version: row.GetInt64(1),
            LastUpdated: DateTimeOffset.Parse(row.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            ContentHash: row.IsDBNull(3) ? "" : row.GetString(3),
            Retired: row.GetBoolean(4),
            ClassSets: StoredClassSets.Parse(row.IsDBNull(5) ? null : row.GetString(5)));
    }
    /// <summary>The query of a document type, written once per store and type (a read by id builds no SQL text).</summary>
    private static string SelectOf(IDocumentStore store, Type documentType) =>
        Selects.GetValue(store, _ => new ConcurrentDictionary<Type, string>()).GetOrAdd(documentType, type => Select(store, type));

    private static readonly ConditionalWeakTable<IDocumentStore, ConcurrentDictionary<Type, string>> Selects = new();

    private static string Select(IDocumentStore store, Type documentType) =>
        $"select d.data ->> 'Json', (d.data ->> 'Version')::bigint, d.data ->> 'LastUpdated', d.data ->> 'ContentHash', " +
        $"coalesce((d.data ->> 'Retired')::boolean, false), d.data ->> 'ClassSets' " +
        $"from {store.Options.FindOrResolveDocumentType(documentType).TableName.QualifiedName} as d where d.id = $1";
}
