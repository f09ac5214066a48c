using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using RorNational.Fhir.Http;

namespace RorNational.Fhir.Auditing.Chain;

/// <summary>
/// The hash of a chain link, in two steps. The record's <see cref="Digest"/>: SHA-256 over every
/// column of the record as text (UTF-8, each followed by a zero byte): kind, id, recorded (a
/// FHIR instant, to the millisecond), agent, type, subtype, entities and entity types (joined by
/// a space), content. The link's hash (<see cref="Link"/>): SHA-256 over the previous link's
/// hash, the link's position (8 bytes, big-endian) and that digest. The writer computes the
/// digest, PostgreSQL the link (<see cref="AuditChainAppend"/>, with its <c>sha256</c>), the check
/// both, from the columns as stored. Changing any column, or removing, inserting or moving a row,
/// breaks the chain at that row or the next. The first link's previous hash is
/// <see cref="Genesis"/> (32 zero bytes).
/// </summary>
public static class ChainHash
{
    public static readonly byte[] Genesis = new byte[32];

    public static byte[] Of(byte[] previous, long position, ChainedRecord record) => Link(previous, position, Digest(record));

    public static byte[] Link(byte[] previous, long position, byte[] digest)
    {
        Span<byte> input = stackalloc byte[previous.Length + 8 + digest.Length];
        previous.CopyTo(input);
        BinaryPrimitives.WriteInt64BigEndian(input[previous.Length..], position);
        digest.CopyTo(input[(previous.Length + 8)..]);
        return SHA256.HashData(input);
    }

    public static byte[] Digest(ChainedRecord record)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, record.Kind);
        Append(hash, record.Id);
        Append(hash, BundleJson.Instant(record.Recorded));
        Append(hash, record.Agent);
        Append(hash, record.Type);
        Append(hash, record.Subtype);
        Append(hash, string.Join(' ', record.Entities));
        Append(hash, string.Join(' ', record.EntityTypes));
        Append(hash, record.Content);
        return hash.GetHashAndReset();
    }

    /// <summary>A column as UTF-8 then a zero byte, through a pooled buffer (no allocation per record).</summary>
    private static void Append(IncrementalHash hash, string text)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length) + 1);
        var length = Encoding.UTF8.GetBytes(text, buffer);
        buffer[length] = 0;
        hash.AppendData(buffer, 0, length + 1);
        ArrayPool<byte>.Shared.Return(buffer);
    }
}
