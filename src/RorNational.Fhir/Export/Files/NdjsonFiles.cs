using System.Text;

namespace RorNational.Fhir.Export.Files;

/// <summary>
/// Writes an export's resources as ndjson files: one resource per line, one type per file (and
/// the deleted ones apart), a new file past Export:ResourcesPerFile. Lines are gathered into
/// chunks of <see cref="ChunkSize"/> bytes before they go to the store, so memory holds one
/// chunk whatever the size of the export.
/// </summary>
public sealed class NdjsonFiles(IChunkStore store, int resourcesPerFile)
{
    /// <summary>1 MiB: a few hundred resources per write to the store.</summary>
    public const int ChunkSize = 1 << 20;

    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly MemoryStream _chunk = new(ChunkSize + 64 * 1024);
    private readonly List<ExportOutput> _outputs = [];
    private ExportOutput? _current;

    public long Written { get; private set; }

    /// <summary>The files written, once <see cref="CompleteAsync"/> has flushed the last.</summary>
    public IReadOnlyList<ExportOutput> Outputs => _outputs;

    public async Task WriteAsync(string type, bool deleted, string json, CancellationToken cancellation)
    {
        if (_current is null || _current.Type != type || _current.Deleted != deleted || _current.Count >= resourcesPerFile)
        {
            await FlushAsync(cancellation);
            if (_current is not null) _outputs.Add(_current);
            _current = new ExportOutput(_outputs.Count + 1, type, 0, deleted);
        }
        var bytes = Encoding.UTF8.GetBytes(json);
        _chunk.Write(bytes);
        _chunk.Write(NewLine);
        _current = _current with { Count = _current.Count + 1 };
        Written++;
        if (_chunk.Length >= ChunkSize) await FlushAsync(cancellation);
    }

    public async Task CompleteAsync(CancellationToken cancellation)
    {
        await FlushAsync(cancellation);
        if (_current is not null) _outputs.Add(_current);
        _current = null;
    }

    private async Task FlushAsync(CancellationToken cancellation)
    {
        if (_current is null || _chunk.Length == 0) return;
        await store.AppendAsync(_current.Number, _chunk.GetBuffer().AsMemory(0, (int)_chunk.Length), Written, cancellation);
        _chunk.SetLength(0);
    }
}
