using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using RorNational.Fhir.Http;

namespace RorNational.Fhir.Auditing.Chain;

/// <summary>
/// The hash of a chain link: SHA-256 over the previous link's hash, the link's position (8 bytes,
/// big-endian), then every column of the record as text (UTF-8, each followed by a zero byte):
/// kind, id, recorded (a FHIR instant, to the millisecond), agent, type, subtype, entities and
/// entity types (joined by a space), content. Changing any column, or removing, inserting or
/// moving a row, breaks the chain at that row or the next. The first link's previous hash is
/// <see cref="Genesis"/> (32 zero bytes).
/// </summary>
public static class ChainHash
{
    public static readonly byte[] Genesis = new byte[32];

    public static byte[] Of(byte[] previous, long position, ChainedRecord record)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(previous);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, position);
        hash.AppendData(number);
        string[] columns =
        [
            record.Kind, record.Id, BundleJson.Instant(record.Recorded), record.Agent, record.Type, record.Subtype,
            string.Join(' ', record.Entities), string.Join(' ', record.EntityTypes), record.Content,
        ];
        foreach (var text in columns)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(text));
            hash.AppendData([0]);
        }
        return hash.GetHashAndReset();
    }
}
