using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace RorNational.Finess.Reading;

/// <summary>
/// Tells a whole gzip file from a cut one. The runtime's decompressor stops without error
/// where a cut file ends (a download or upload broken at 80 % reads as a shorter extract),
/// so the file is decompressed once, to the end, and the size it gives is compared with
/// the size the gzip trailer records (ISIZE, the last 4 bytes, modulo 2^32). A cut file
/// ends in the middle of compressed data, whose last bytes match that size by chance once
/// in four billion; a whole file's data are also checked against its CRC by the
/// decompressor itself. Only single-member files (what gzip and pigz write) pass: a file of
/// several concatenated members records the size of its last member alone.
/// </summary>
internal static class GzipCompleteness
{
    private const int TrailerSizeBytes = 4;

    /// <summary>
    /// Throws <see cref="FinessExtractRefused"/> when the gzip file is cut or damaged; otherwise
    /// returns the first <paramref name="headBytes"/> decompressed bytes (fewer for a shorter
    /// content), kept on the way so that nobody decompresses the start again to peek at it.
    /// </summary>
    public static async Task<byte[]> CheckAsync(Stream compressed, long start, int headBytes, CancellationToken ct)
    {
        if (compressed.Length - start < 18) throw Truncated(); // 10-byte header + 8-byte trailer at the least
        compressed.Position = compressed.Length - TrailerSizeBytes;
        var trailer = new byte[TrailerSizeBytes];
        await compressed.ReadExactlyAsync(trailer, ct);
        var recordedSize = BinaryPrimitives.ReadUInt32LittleEndian(trailer);

        compressed.Position = start;
        var decompressedSize = 0L;
        var head = new byte[headBytes];
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            await using var gzip = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true);
            int read;
            while ((read = await gzip.ReadAsync(buffer, ct)) > 0)
            {
                if (decompressedSize < headBytes)
                    buffer.AsSpan(0, (int)Math.Min(read, headBytes - decompressedSize)).CopyTo(head.AsSpan((int)decompressedSize));
                decompressedSize += read;
            }
        }
        catch (InvalidDataException e)
        {
            throw new FinessExtractRefused("The compressed file is damaged and cannot be decompressed.", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        if ((uint)decompressedSize != recordedSize) throw Truncated();
        return head[..(int)Math.Min(decompressedSize, headBytes)];
    }

    private static FinessExtractRefused Truncated() => new(
        "The gzip file is cut short or damaged: its end does not match its content (a broken download or upload?). " +
        "Nothing was imported: send the whole file, compressed as one gzip member (gzip or pigz).");
}
