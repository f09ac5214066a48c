using System.Runtime.CompilerServices;
using RorNational.Finess.Reading;

namespace RorNational.Finess;

/// <summary>
/// An extract that <see cref="FinessExtractReader.OpenAsync"/> accepted: what it says about
/// itself, its lines to read, and the reading's progress. Dispose it to delete the temporary
/// copy of a stream that could not seek; the caller's stream is left open.
/// </summary>
public sealed class FinessExtract : IAsyncDisposable
{
    private readonly ExtractContent _content;
    private readonly Func<CancellationToken, IAsyncEnumerable<FinessLine>> _lines;
    private int _reading;

    internal FinessExtract(FinessExtractInfo info, FinessReadProgress progress, ExtractContent content,
        Func<CancellationToken, IAsyncEnumerable<FinessLine>> lines)
    {
        Info = info;
        Progress = progress;
        _content = content;
        _lines = lines;
    }

    public FinessExtractInfo Info { get; }

    public FinessReadProgress Progress { get; }

    /// <summary>
    /// The lines in file order, one at a time: establishments, rejections and warnings.
    /// Each enumeration reads the file again from the start; one at a time.
    /// </summary>
    public async IAsyncEnumerable<FinessLine> ReadAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        if (Interlocked.Exchange(ref _reading, 1) == 1)
            throw new InvalidOperationException("This extract is already being read.");
        try
        {
            Progress.Enter(FinessReadPhase.Reading);
            await foreach (var line in _lines(ct).WithCancellation(ct))
            {
                Progress.Count(line);
                yield return line;
            }
            Progress.Enter(FinessReadPhase.Completed);
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }

    /// <summary>
    /// The file as received (compressed when it came gzipped), from its start, to store it
    /// as it is. Not while the lines are read; the stream is the extract's: do not dispose it.
    /// </summary>
    public Stream OpenOriginal() => Volatile.Read(ref _reading) == 0
        ? _content.OpenOriginal()
        : throw new InvalidOperationException("This extract is being read.");

    public ValueTask DisposeAsync() => _content.DisposeAsync();
}
