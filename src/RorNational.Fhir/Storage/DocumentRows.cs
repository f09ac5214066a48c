using Marten;
using Npgsql;

namespace RorNational.Fhir.Storage;

/// <summary>
/// Many documents of one Marten document type written by one statement of the session's batch
/// (their JSON as an array, unnested by PostgreSQL), for the documents a projection writes by the
/// hundred and nothing reads back from the session: the resource versions, the Provenance
/// records and the establishments' publication states. Stored one by one, each is a statement of
/// its own, and Marten's unit of work compares each new document operation with every one queued
/// before it (a batch of 500 establishments queues about 3,000): both costs grow with the batch.
/// The rows are Marten's own (same table, same serializer, same columns), read back by Marten as
/// any other. Each id appears at most once in a call. The current documents (<see cref="FhirDocument"/>)
/// stay Marten operations: a supplier's answer reads the Locations its transaction rendered from
/// the session's pending changes.
/// </summary>
public static class DocumentRows
{
    /// <summary>
    /// Inserts them; a document whose id is already stored fails the transaction, as Marten's
    /// <c>Insert</c> does (<see cref="IsDuplicateVersion"/> for the versions).
    /// </summary>
    public static void Insert<T>(IDocumentOperations operations, IReadOnlyList<T> documents, Func<T, string> id) where T : notnull =>
        Queue(operations, documents, id, "");

    /// <summary>Inserts them, or replaces the stored document of the same id, as Marten's <c>Store</c> does.</summary>
    public static void Upsert<T>(IDocumentOperations operations, IReadOnlyList<T> documents, Func<T, string> id) where T : notnull =>
        Queue(operations, documents, id,
            " on conflict (id) do update set data = excluded.data, mt_version = excluded.mt_version, mt_last_modified = excluded.mt_last_modified");

    /// <summary>Whether a commit failed on a version already stored (<see cref="FhirResourceVersion"/>'s key): another transaction wrote it first.</summary>
    public static bool IsDuplicateVersion(PostgresException exception) =>
        exception is { SqlState: PostgresErrorCodes.UniqueViolation, TableName: var table } &&
        string.Equals(table, "mt_doc_" + nameof(FhirResourceVersion).ToLowerInvariant(), StringComparison.Ordinal);

    private static void Queue<T>(IDocumentOperations operations, IReadOnlyList<T> documents, Func<T, string> id, string onConflict) where T : notnull
    {
        if (documents.Count == 0) return;
        var options = operations.DocumentStore.Options;
        var table = options.FindOrResolveDocumentType(typeof(T)).TableName.QualifiedName;
        var serializer = options.Serializer();
        operations.QueueSqlCommand(
            $"insert into {table} (id, data, mt_dotnet_type) select r.id, r.data, ? from unnest(?::varchar[], ?::jsonb[]) as r(id, data){onConflict}",
            typeof(T).FullName!, documents.Select(id).ToArray(), documents.Select(d => serializer.ToJson(d)).ToArray());
    }
}
