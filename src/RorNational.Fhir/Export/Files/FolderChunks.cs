namespace RorNational.Fhir.Export.Files;

/// <summary>
/// An export's files in a folder, for the open-data publication: file n of a type is
/// <c>&lt;Type&gt;-&lt;n&gt;.ndjson</c> (deleted ones: <c>deleted-&lt;n&gt;.ndjson</c>), each chunk appended as it comes.
/// </summary>
public sealed class FolderChunks(string folder) : IChunkStore
{
    /// <summary>Names the file of a number before its first chunk: <see cref="NdjsonFiles"/> knows the type, the store only the number.</summary>
    public string Name(ExportOutput output) => output.Deleted ? $"deleted-{output.Number}.ndjson" : $"{output.Type}-{output.Number}.ndjson";

    public async Task AppendAsync(int file, ReadOnlyMemory<byte> chunk, long written, CancellationToken cancellation)
    {
        var path = Path.Combine(folder, $"part-{file}.ndjson");
        await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None);
        await stream.WriteAsync(chunk, cancellation);
    }

    /// <summary>Gives each file its final name once the export knows what each holds; returns the names by file number.</summary>
    public Dictionary<int, string> Complete(IReadOnlyList<ExportOutput> outputs)
    {
        var names = new Dictionary<int, string>();
        foreach (var output in outputs)
        {
            var name = Name(output);
            File.Move(Path.Combine(folder, $"part-{output.Number}.ndjson"), Path.Combine(folder, name), overwrite: true);
            names[output.Number] = name;
        }
        return names;
    }
}
