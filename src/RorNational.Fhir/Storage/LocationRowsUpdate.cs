using System.Data.Common;
using Weasel.Core;
using Weasel.Storage;

namespace RorNational.Fhir.Storage;

/// <summary>
/// The next versions of current Locations a capacity change rendered, written by one statement of
/// the session's batch: each row's document built by PostgreSQL from the rest of the document
/// (as the store's serializer writes it) and the Location's JSON passed as text. Stored by Marten,
/// each document was serialized whole, the Location's JSON escaped into a string member (4 to
/// 10 KB) that PostgreSQL then parsed back into jsonb, and upserted by a statement of its own.
/// The documents are Marten's (same table, same members). An operation of the session's unit of
/// work, not a plain SQL command, so that what completes a supplier's answer finds the Locations
/// its transaction rendered among the session's pending changes (<see cref="RenderedIn"/>). It
/// returns no rows, and says so (<see cref="NoDataReturnedCall"/>): otherwise the batch would read
/// the next operation's result in its place.
/// </summary>
public sealed class LocationRowsUpdate : Weasel.Storage.IStorageOperation, NoDataReturnedCall
{
    private readonly string _table;
    private readonly string[] _ids;
    private readonly string[] _rests;
    private readonly string[] _jsons;

    private LocationRowsUpdate(string table, IReadOnlyList<LocationDocument> documents, string[] rests)
    {
        _table = table;
        Documents = documents;
        _ids = [.. documents.Select(d => d.Id)];
        _rests = rests;
        _jsons = [.. documents.Select(d => d.Json)];
    }

    /// <summary>The Locations written, as they will be stored.</summary>
    public IReadOnlyList<LocationDocument> Documents { get; }

    /// <summary>Queues the update of these stored Locations (each id once) in the session's batch.</summary>
    public static void Queue(Marten.IDocumentOperations operations, IReadOnlyList<LocationDocument> documents)
    {
        if (documents.Count == 0) return;
        var options = operations.DocumentStore.Options;
        var serializer = options.Serializer();
        var rests = new string[documents.Count];
        for (var i = 0; i < documents.Count; i++)
        {
            // The document without its JSON, which goes apart as text: an empty member that the statement overwrites.
            var document = documents[i];
            var json = document.Json;
            document.Json = "";
            try
            {
                rests[i] = serializer.ToJson(document);
            }
            finally
            {
                document.Json = json;
            }
        }
        operations.QueueOperation(new LocationRowsUpdate(options.FindOrResolveDocumentType(typeof(LocationDocument)).TableName.QualifiedName, documents, rests));
    }

    /// <summary>
    /// The Locations queued for writing in a session's pending changes: by this operation (a
    /// capacity change), or stored as Marten documents (an EG's rendering).
    /// </summary>
    public static IEnumerable<LocationDocument> RenderedIn(Marten.Services.IUnitOfWork pending) =>
        pending.AllChangedFor<LocationDocument>().Concat(pending.Operations().OfType<LocationRowsUpdate>().SelectMany(o => o.Documents));

    public Type DocumentType => typeof(LocationDocument);

    public void ConfigureCommand(ICommandBuilder builder, IStorageSession session)
    {
        builder.Append($"update {_table} as d set data = r.rest || jsonb_build_object('Json', r.json), mt_version = gen_random_uuid(), " +
                       "mt_last_modified = transaction_timestamp() from unnest(");
        builder.AppendParameter(_ids);
        builder.Append("::varchar[], ");
        builder.AppendParameter(_rests);
        builder.Append("::jsonb[], ");
        builder.AppendParameter(_jsons);
        builder.Append("::text[]) as r(id, rest, json) where d.id = r.id");
    }

    public void Postprocess(DbDataReader reader, IList<Exception> exceptions)
    {
    }

    public Task PostprocessAsync(DbDataReader reader, IList<Exception> exceptions, CancellationToken token) => Task.CompletedTask;

    public OperationRole Role() => OperationRole.Update;
}
