using System.IO.Compression;

namespace RorNational.Finess.Reading;

/// <summary>
/// The extract's bytes, readable as many times as needed from the start: the caller's
/// stream when it can seek, otherwise a temporary copy deleted on disposal. Each view is
/// decompressed when the file is gzip and starts after a UTF-8 byte order mark, if any.
/// A gzip file is checked whole once, when created (<see cref="GzipCompleteness"/>), which
/// also gives its first bytes: the start is not decompressed again to look for the mark.
/// The caller's stream is never closed here.
/// </summary>
internal sealed class ExtractContent : IAsyncDisposable
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly Stream _stream;
    private readonly long _start;
    private readonly bool _ownsStream;

    private ExtractContent(Stream stream, bool ownsStream)
    {
        _stream = stream;
        _start = stream.Position;
        _ownsStream = ownsStream;
    }

    public bool IsGzip { get; private set; }
    public bool HasUtf8Bom { get; private set; }
    public bool IsZip { get; private set; }
    public long Length => _stream.Length - _start;

    public static async Task<ExtractContent> CreateAsync(Stream source, FinessReadProgress progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!source.CanRead) throw new ArgumentException("The extract stream cannot be read.", nameof(source));
        var content = source.CanSeek ? new ExtractContent(source, ownsStream: false) : await BufferedAsync(source, progress, ct);
        try
        {
            var magic = new byte[4];
            content._stream.Position = content._start;
            var read = await content._stream.ReadAtLeastAsync(magic, magic.Length, throwOnEndOfStream: false, ct);
            content.IsGzip = read >= 2 && magic[0] == 0x1F && magic[1] == 0x8B;
            content.IsZip = read >= 4 && magic[0] == 0x50 && magic[1] == 0x4B && magic[2] == 0x03 && magic[3] == 0x04;
            var head = content.IsGzip
                ? await GzipCompleteness.CheckAsync(content._stream, content._start, Utf8Bom.Length, ct)
                : magic[..Math.Min(read, Utf8Bom.Length)];
            content.HasUtf8Bom = head.AsSpan().SequenceEqual(Utf8Bom);
            progress.TotalBytes = content.Length;
            return content;
        }
        catch
        {
            await content.DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh view from the start; only one view may be read at a time.</summary>
    public Stream OpenView(FinessReadProgress progress)
    {
        _stream.Position = _start;
        Stream view = new CountingStream(_stream, progress);
        if (IsGzip) view = new GZipStream(view, CompressionMode.Decompress);
        if (HasUtf8Bom) view.ReadExactly(new byte[Utf8Bom.Length]);
        return view;
    }

    /// <summary>The bytes as received (still compressed when gzip), from the start; not while a view is read.</summary>
    public Stream OpenOriginal()
    {
        _stream.Position = _start;
        return new CountingStream(_stream, new FinessReadProgress());
    }

    /// <summary>The first bytes of the content (decompressed, after the byte order mark).</summary>
    public async Task<byte[]> HeadAsync(int count, CancellationToken ct)
    {
        var progress = new FinessReadProgress();
        await using var view = OpenView(progress);
        var head = new byte[count];
        var read = await view.ReadAtLeastAsync(head, count, throwOnEndOfStream: false, ct);
        return head[..read];
    }

    // A request body cannot seek, and the etalab extract needs two passes (its coordinates
    // come after all the establishments), so such a stream is copied to a temporary file.
    private static async Task<ExtractContent> BufferedAsync(Stream source, FinessReadProgress progress, CancellationToken ct)
    {
        progress.Enter(FinessReadPhase.Buffering);
        var path = Path.Combine(Path.GetTempPath(), $"finess-extract-{Guid.NewGuid():N}.tmp");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await new CountingStream(source, progress).CopyToAsync(file, 1 << 16, ct);
            file.Position = 0;
            return new ExtractContent(file, ownsStream: true);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsStream) await _stream.DisposeAsync();
    }
}
