using Marten;
using Npgsql;
using NpgsqlTypes;

namespace RorNational.Offer.FinessImports.StoredExtracts;

/// <summary>Writes and deletes the stored copy of an accepted extract (see <see cref="StoredExtractTable"/>).</summary>
public static class StoredExtract
{
    /// <summary>
    /// Copies <paramref name="original"/> into the session's transaction, so the chunks are
    /// committed with the import's report and its first event, or not at all.
    /// </summary>
    public static async Task WriteAsync(IDocumentSession session, string importId, Stream original, CancellationToken cancellation)
    {
        await session.BeginTransactionAsync(cancellation);
        var table = StoredExtractTable.QualifiedName(session.DocumentStore.Options.DatabaseSchemaName);
        await using var copy = await session.Connection!.BeginBinaryImportAsync(
            $"copy {table} (import_id, seq, data) from stdin (format binary)", cancellation);
        var buffer = new byte[StoredExtractTable.ChunkSize];
        for (var seq = 0; ; seq++)
        {
            var read = await original.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellation);
            if (read == 0) break;
            await copy.StartRowAsync(cancellation);
            await copy.WriteAsync(importId, NpgsqlDbType.Text, cancellation);
            await copy.WriteAsync(seq, NpgsqlDbType.Integer, cancellation);
            await copy.WriteAsync(read == buffer.Length ? buffer : buffer[..read], NpgsqlDbType.Bytea, cancellation);
            if (read < buffer.Length) break;
        }
        await copy.CompleteAsync(cancellation);
    }

    /// <summary>Deletes the copy when the session commits: the import has ended.</summary>
    public static void DeleteWith(IDocumentSession session, string importId) =>
        session.QueueSqlCommand($"delete from {StoredExtractTable.QualifiedName(session.DocumentStore.Options.DatabaseSchemaName)} where import_id = ?",
            importId);

    /// <summary>The stored copy, readable and seekable, read a chunk at a time on a connection of its own.</summary>
    public static async Task<Stream> OpenAsync(IDocumentStore store, string importId, CancellationToken cancellation)
    {
        var connection = store.Storage.Database.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellation);
            return await StoredExtractStream.OpenAsync(connection, StoredExtractTable.QualifiedName(store.Options.DatabaseSchemaName), importId,
                cancellation);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
