namespace RorNational.Fhir.Export.Files;

/// <summary>
/// Where the bytes of an export's files go, a chunk at a time: PostgreSQL for the exports
/// served over HTTP (<see cref="ExportChunks"/>), a folder for the open-data publication.
/// </summary>
public interface IChunkStore
{
    /// <param name="file">The file's number within the export, from 1.</param>
    /// <param name="written">Resources written so far, every file counted: the export's progress.</param>
    Task AppendAsync(int file, ReadOnlyMemory<byte> chunk, long written, CancellationToken cancellation);
}
