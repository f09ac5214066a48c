using RorNational.Fhir.Access;

namespace RorNational.Fhir.Storage;

/// <summary>
/// One version of a published resource, kept for vread and history: written with the
/// current document in the same transaction, never changed afterwards. A retirement is a
/// version without content (<see cref="Deleted"/>).
/// </summary>
public sealed class FhirResourceVersion
{
    public string Id { get; set; } = "";
    public string ResourceType { get; set; } = "";
    public string ResourceId { get; set; } = "";
    public long Version { get; set; }
    public DateTimeOffset LastUpdated { get; set; }
    public string? Json { get; set; }
    public DataClass[] ClassSets { get; set; } = [];
    public bool Deleted { get; set; }

    public static string KeyOf(string type, string id, long version) => $"{type}/{id}/_history/{version}";

    public static FhirResourceVersion Of(string type, FhirDocument document) => new()
    {
        Id = KeyOf(type, document.Id, document.Version),
        ResourceType = type,
        ResourceId = document.Id,
        Version = document.Version,
        LastUpdated = document.LastUpdated,
        Json = document.Retired ? null : document.Json,
        ClassSets = document.ClassSets,
        Deleted = document.Retired,
    };
}
