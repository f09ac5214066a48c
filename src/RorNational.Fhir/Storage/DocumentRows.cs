using Marten;
using Npgsql;

namespace RorNational.Fhir.Storage;

/// <summary>
/// Many documents of one Marten document type written by one statement of the session's batch
/// (their JSON as an array, unnested by PostgreSQL), for the documents a projection writes by the
/// hundred and nothing reads back from the session: the current
/// resources but Locations and the establishments' publication states.
/// Stored one by one, each is a statement of its own, serialized when the session's batch is
/// written (for an import, once the batch before has committed), and Marten's unit of work
/// compares each new document operation with every one queued before it (a batch of 500
/// establishments queues about 3,000): these costs grow with the batch. Here each document is
/// serialized when queued. The rows are Marten's own (same table, same serializer, same columns),
/// read back by Marten as any other. Each id appears at most once in a call. The current
/// Locations (<see cref="LocationDocument"/>) are not written here: an EG's rendering stores them
/// as Marten documents and a capacity change by <see cref="LocationRowsUpdate"/>, both found by a
/// supplier's answer among the session's pending changes.
/// </summary>
public static class DocumentRows
{
    /// <summary>
    /// Inserts them; a document whose id is already stored fails the transaction, as Marten's
    /// <c>Insert</c> does (<see cref="IsConcurrentInsert"/>).
    /// </summary>
    public static void Insert<T>(IDocumentOperations operations, IReadOnlyList<T> documents, Func<T, string> id) where T : notnull =>
        Queue(operations, documents, id, "");

    /// <summary>Inserts them, or replaces the stored document of the same id, as Marten's <c>Store</c> does.</summary>
    public static void Upsert<T>(IDocumentOperations operations, IReadOnlyList<T> documents, Func<T, string> id) where T : notnull =>
        Queue(operations, documents, id,
            " on conflict (id) do update set data = excluded.data, mt_version = excluded.mt_version, mt_last_modified = excluded.mt_last_modified");

    /// <summary>
    /// Inserts those <paramref name="isNew"/> says are not stored yet (none was read) and upserts
    /// the others. ON CONFLICT costs every row a speculative insertion, a document that cannot be
    /// stored yet need not pay for it: 550 documents of 3 KB took PostgreSQL 50 ms upserted against
    /// 31 ms inserted. One that another transaction stored in the meantime fails the commit
    /// (<see cref="IsConcurrentInsert"/>), as Marten's <c>Insert</c> would.
    /// </summary>
    public static void InsertOrUpsert<T>(IDocumentOperations operations, IReadOnlyList<T> documents, Func<T, string> id, Func<T, bool> isNew)
        where T : notnull
    {
        Insert(operations, documents.Where(isNew).ToList(), id);
        Upsert(operations, documents.Where(d => !isNew(d)).ToList(), id);
    }

    /// <summary>
    /// Whether a commit failed on a document one of these statements inserted that another
    /// transaction stored first (a resource or a publication state): a unique violation of a
    /// Marten document table's primary key (<c>pkey_mt_doc_…</c>). Marten
    /// reports its own duplicates as <c>DocumentAlreadyExistsException</c>; a unique index of a
    /// document's field is not a key these statements race for.
    /// </summary>
    public static bool IsConcurrentInsert(PostgresException exception) =>
        exception is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: { } constraint } &&
        constraint.StartsWith("pkey_mt_doc_", StringComparison.Ordinal);

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
