using RorNational.Domain.Capacity;

namespace RorNational.Offer.Capacity.Supplying;

/// <summary>
/// The operations of one PATCH (or bundle entry), on the lieu its URL named: its capacity
/// stream, its Location, and the Location version the supplier's If-Match expects.
/// </summary>
public sealed record LieuChange(string Stream, string LocationId, IReadOnlyList<CapacityOperation> Operations, long? ExpectedVersion);

/// <summary>
/// A supplier's request, handled in one transaction: a single PATCH (one entry), a transaction
/// bundle (<see cref="AllOrNothing"/>: one refusal and nothing is applied) or a batch bundle
/// (each entry on its own). An entry already refused while it was read (its URL, rights, body)
/// carries its <see cref="EntryAnswer"/> instead of a change. <see cref="RequestId"/> (the
/// X-Request-Id or Bundle.identifier) and <see cref="Fingerprint"/> (a hash of the request)
/// make a replay answer as the first time; <see cref="RequestIdSource"/> says where the id came from.
/// </summary>
public sealed record SupplyCapacity(
    string ClientId,
    string? RequestId,
    string RequestIdSource,
    string Fingerprint,
    bool AllOrNothing,
    IReadOnlyList<SupplyEntry> Entries);

/// <summary>One entry: a change to apply, or the answer of an entry refused before.</summary>
public sealed record SupplyEntry(LieuChange? Change, EntryAnswer? Refused)
{
    public static SupplyEntry Of(LieuChange change) => new(change, null);
    public static SupplyEntry RefusedWith(EntryAnswer answer) => new(null, answer);
}

/// <summary>
/// What a request answers: each entry's answer (in order), or for a refused transaction the
/// index of the entry that refused it (then nothing was applied). <see cref="Replayed"/>: the
/// answer of an earlier request with the same id, nothing applied now.
/// </summary>
public sealed class SupplyAnswer
{
    public required IReadOnlyList<EntryAnswer> Entries { get; init; }
    public int? RefusedEntry { get; init; }
    public bool Replayed { get; init; }
    public DateTimeOffset At { get; init; }
}
