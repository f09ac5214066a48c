using RorNational.Fhir.Access;

namespace RorNational.Fhir.Reading;

/// <summary>
/// What a read by id serves of a current resource (<see cref="CurrentResources"/>): its JSON as
/// the UTF-8 bytes stored, and the fields of the answer's headers and redaction.
/// </summary>
public sealed record CurrentResource(
    string Id, byte[] Utf8Json, long Version, DateTimeOffset LastUpdated, string ContentHash, bool Retired, DataClass[] ClassSets);
