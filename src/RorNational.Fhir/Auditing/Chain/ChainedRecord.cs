namespace RorNational.Fhir.Auditing.Chain;

/// <summary>
/// One record to append to the audit chain: its kind (<c>AuditEvent</c>, later <c>Provenance</c>),
/// its id, its content (<see cref="Content"/>, hashed byte for byte: a Provenance as served, an
/// AuditEvent's compact record) and the values searches filter on.
/// </summary>
public sealed record ChainedRecord(
    string Kind,
    string Id,
    DateTimeOffset Recorded,
    string Agent,
    string Type,
    string Subtype,
    IReadOnlyList<string> Entities,
    IReadOnlyList<string> EntityTypes,
    string Content);

/// <summary>A record as stored: its place in the chain and its hashes.</summary>
public sealed record ChainLink(long Position, ChainedRecord Record, byte[] PreviousHash, byte[] Hash);
