namespace RorNational.Finess;

/// <summary>Where a reading is: the phases run in this order.</summary>
public enum FinessReadPhase
{
    /// <summary>Copying a stream that cannot seek to a temporary file, so it can be read twice.</summary>
    Buffering,
    /// <summary>First pass at opening: format, encoding, spreadsheet damage, etalab coordinates.</summary>
    Indexing,
    /// <summary>Giving the lines.</summary>
    Reading,
    /// <summary>Every line has been given.</summary>
    Completed,
}

/// <summary>
/// Live counters of one extract's reading, written by the reading and safe to poll from
/// another thread (an HTTP endpoint that reports an import's progress, for instance).
/// <see cref="BytesRead"/> and <see cref="LinesRead"/> restart at each phase but the last;
/// compare <see cref="BytesRead"/> with <see cref="TotalBytes"/> for a percentage.
/// </summary>
public sealed class FinessReadProgress
{
    private int _phase;
    private long _bytesRead, _linesRead, _establishments, _rejections, _warnings, _skippedClosed;

    public FinessReadPhase Phase => (FinessReadPhase)Volatile.Read(ref _phase);

    /// <summary>Bytes of the file read in the current phase (compressed bytes when gzip).</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>The file's size when known.</summary>
    public long? TotalBytes { get; internal set; }

    /// <summary>Lines (etalab) or EJ entries (FINESS Structures) read in the current phase.</summary>
    public long LinesRead => Interlocked.Read(ref _linesRead);

    public long Establishments => Interlocked.Read(ref _establishments);
    public long Rejections => Interlocked.Read(ref _rejections);
    public long Warnings => Interlocked.Read(ref _warnings);

    /// <summary>Closed EG present in a FINESS Structures extract and not given.</summary>
    public long SkippedClosed => Interlocked.Read(ref _skippedClosed);

    internal void Enter(FinessReadPhase phase)
    {
        if (phase != FinessReadPhase.Completed)
        {
            Interlocked.Exchange(ref _bytesRead, 0);
            Interlocked.Exchange(ref _linesRead, 0);
        }
        if (phase == FinessReadPhase.Reading)
        {
            Interlocked.Exchange(ref _establishments, 0);
            Interlocked.Exchange(ref _rejections, 0);
            Interlocked.Exchange(ref _warnings, 0);
            Interlocked.Exchange(ref _skippedClosed, 0);
        }
        Volatile.Write(ref _phase, (int)phase);
    }

    internal void AddBytes(long count) => Interlocked.Add(ref _bytesRead, count);

    internal void SetLinesRead(long count) => Interlocked.Exchange(ref _linesRead, count);

    internal void SkipClosed() => Interlocked.Increment(ref _skippedClosed);

    internal void Count(FinessLine line)
    {
        if (line is FinessEstablishment) Interlocked.Increment(ref _establishments);
        else if (line is FinessRejection) Interlocked.Increment(ref _rejections);
        else Interlocked.Increment(ref _warnings);
    }
}
