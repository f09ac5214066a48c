using Npgsql;

namespace RorNational.Offer.FinessImports.StoredExtracts;

/// <summary>
/// A stored extract as a read-only, seekable stream: the chunk under the position is loaded
/// when first read, and only one is held. Seekable, so the FINESS reader reads it twice (etalab
/// coordinates come after the establishments) without a local copy. Owns its connection.
/// </summary>
internal sealed class StoredExtractStream : Stream
{
    private readonly NpgsqlConnection _connection;
    private readonly string _table;
    private readonly string _importId;
    private readonly long _length;
    private byte[] _chunk = [];
    private int _chunkSeq = -1;
    private long _position;

    private StoredExtractStream(NpgsqlConnection connection, string table, string importId, long length)
    {
        _connection = connection;
        _table = table;
        _importId = importId;
        _length = length;
    }

    public static async Task<Stream> OpenAsync(NpgsqlConnection connection, string table, string importId, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand($"select count(*), coalesce(sum(length(data)), 0) from {table} where import_id = $1", connection)
            { Parameters = { new() { Value = importId } } };
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        if (reader.GetInt64(0) == 0)
            throw new InvalidOperationException($"import {importId} has no stored extract: it has ended, or was never accepted");
        return new StoredExtractStream(connection, table, importId, reader.GetInt64(1));
    }

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (!ChunkLoaded(out var seq))
        {
            using var command = ChunkQuery(seq);
            Load(seq, Found(seq, command.ExecuteScalar()));
        }
        return CopyFromChunk(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!ChunkLoaded(out var seq)) Load(seq, await LoadChunk(seq, cancellationToken));
        return CopyFromChunk(buffer.Span);
    }

    private bool ChunkLoaded(out int seq)
    {
        seq = (int)(_position / StoredExtractTable.ChunkSize);
        return _position >= _length || seq == _chunkSeq;
    }

    private void Load(int seq, byte[] chunk) => (_chunkSeq, _chunk) = (seq, chunk);

    private int CopyFromChunk(Span<byte> buffer)
    {
        if (_position >= _length || buffer.IsEmpty) return 0;
        var offset = (int)(_position % StoredExtractTable.ChunkSize);
        var count = Math.Min(buffer.Length, _chunk.Length - offset);
        _chunk.AsSpan(offset, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    private async ValueTask<byte[]> LoadChunk(int seq, CancellationToken cancellation)
    {
        await using var command = ChunkQuery(seq);
        return Found(seq, await command.ExecuteScalarAsync(cancellation));
    }

    private NpgsqlCommand ChunkQuery(int seq) =>
        new($"select data from {_table} where import_id = $1 and seq = $2", _connection)
            { Parameters = { new() { Value = _importId }, new() { Value = seq } } };

    private byte[] Found(int seq, object? data) => data as byte[]
        ?? throw new InvalidDataException($"chunk {seq} of the stored extract of import {_importId} is missing");

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => _length + offset,
    };

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _connection.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        await base.DisposeAsync();
    }
}
