using RorNational.Fhir.Access;

namespace RorNational.Fhir.Storage;

/// <summary>
/// One version of a published resource, kept for vread and history: written with the
/// current document in the same transaction, never changed afterwards. A retirement is a
/// version without content (<see cref="Deleted"/>). Stored as a row of
/// <see cref="ResourceVersionTable"/>, read by <see cref="StoredVersions"/>.
/// </summary>
public sealed class FhirResourceVersion
{
    public string ResourceType { get; init; } = "";
    public string ResourceId { get; init; } = "";
    public long Version { get; init; }
    public DateTimeOffset LastUpdated { get; init; }
    public string? Json { get; init; }
    public DataClass[] ClassSets { get; init; } = [];
    public bool Deleted { get; init; }

    /// <summary>Its versioned reference, "Location/x/_history/7".</summary>
    public string Key => KeyOf(ResourceType, ResourceId, Version);

    public static string KeyOf(string type, string id, long version) => $"{type}/{id}/_history/{version}";

    public static FhirResourceVersion Of(string type, FhirDocument document) => new()
    {
        ResourceType = type,
        ResourceId = document.Id,
        Version = document.Version,
        LastUpdated = document.LastUpdated,
        Json = document.Retired ? null : document.Json,
        ClassSets = document.ClassSets,
        Deleted = document.Retired,
    };
}
