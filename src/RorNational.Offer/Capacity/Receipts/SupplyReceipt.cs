using System.Security.Cryptography;
using System.Text;
using Marten;
using RorNational.Offer.Capacity.Supplying;

namespace RorNational.Offer.Capacity.Receipts;

/// <summary>
/// What a request with an id answered, kept so that a replay (the same X-Request-Id, or the same
/// Bundle.identifier, from the same client) answers exactly the same and applies nothing.
/// Written in the transaction of the changes it answers; its id is unique, so of two requests
/// with the same id running at once, one commits and the other fails on it, then answers from it.
/// </summary>
public sealed class SupplyReceipt
{
    /// <summary>"&lt;client&gt;|&lt;request id&gt;".</summary>
    public string Id { get; set; } = "";

    /// <summary>A hash of the request (method, target, body): the same id with another request is refused.</summary>
    public string Fingerprint { get; set; } = "";

    public DateTimeOffset At { get; set; }
    public List<EntryAnswer> Entries { get; set; } = [];

    public static string IdOf(string clientId, string requestId) => $"{clientId}|{requestId}";

    /// <summary>The receipts of these ids that exist, by id, in one query (none asked: no query).</summary>
    public static Task<IReadOnlyDictionary<string, SupplyReceipt>> LoadAsync(IQuerySession session, IEnumerable<string> ids,
        CancellationToken cancellation) => session.LoadByIdAsync<SupplyReceipt>(ids, r => r.Id, cancellation);

    public bool ExpiredAt(DateTimeOffset now, TimeSpan lifetime) => At + lifetime <= now;

    /// <summary>The fingerprint of a request: SHA-256 over its parts, each length-prefixed.</summary>
    public static string FingerprintOf(params ReadOnlyMemory<byte>[] parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            hash.AppendData(BitConverter.GetBytes(part.Length));
            hash.AppendData(part.Span);
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    public static ReadOnlyMemory<byte> Text(string text) => Encoding.UTF8.GetBytes(text);
}
