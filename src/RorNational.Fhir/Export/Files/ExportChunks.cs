using Marten;
using Marten.Patching;

namespace RorNational.Fhir.Export.Files;

/// <summary>
/// The files of one export in PostgreSQL (<see cref="ExportChunkTable"/>). Each chunk is
/// committed with the export's progress, and only while the export still runs: a chunk that
/// finds it cancelled (DELETE from its client, on any node) stops the run.
/// </summary>
public sealed class ExportChunks(IDocumentStore store, string exportId) : IChunkStore
{
    private readonly Dictionary<int, int> _nextSeq = [];
    private string Table => ExportChunkTable.QualifiedName(store.Options.DatabaseSchemaName);

    public async Task AppendAsync(int file, ReadOnlyMemory<byte> chunk, long written, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        var job = await session.LoadAsync<ExportJob>(exportId, cancellation);
        if (job is not { Status: ExportStatus.Running }) throw new ExportStopped(exportId);
        var seq = _nextSeq.GetValueOrDefault(file);
        session.QueueSqlCommand($"insert into {Table} (export_id, file_no, seq, data) values (?, ?, ?, ?)", exportId, file, seq, chunk.ToArray());
        session.Patch<ExportJob>(exportId).Set(j => j.Written, written);
        await session.SaveChangesAsync(cancellation);
        _nextSeq[file] = seq + 1;
    }

    /// <summary>Removes every chunk of an export: before a run starts over, when it is cancelled, when it expires.</summary>
    public static void Delete(IDocumentOperations operations, string exportId) =>
        operations.QueueSqlCommand($"delete from {ExportChunkTable.QualifiedName(operations.DocumentStore.Options.DatabaseSchemaName)} where export_id = ?", exportId);
}

/// <summary>The export was cancelled (or expired) while it ran: the run stops and writes nothing more.</summary>
public sealed class ExportStopped(string exportId) : Exception($"export {exportId} is no longer running");
