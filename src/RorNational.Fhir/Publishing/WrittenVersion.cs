using RorNational.Fhir.Access;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Publishing;

/// <summary>
/// One version a publication wrote (a new content or a retirement), as the Provenance of the
/// write names it: its versioned reference, and the class sets of its data (those of the
/// retired content for a retirement), which say which profiles may see it at all.
/// </summary>
public sealed record WrittenVersion(string ResourceType, string ResourceId, long Version, bool Deleted, IReadOnlyList<DataClass> ClassSets)
{
    public static WrittenVersion Of(FhirResourceVersion version) =>
        new(version.ResourceType, version.ResourceId, version.Version, version.Deleted, version.ClassSets);

    /// <summary>"Location/x/_history/7".</summary>
    public string Reference => FhirResourceVersion.KeyOf(ResourceType, ResourceId, Version);

    /// <summary>The version before it ("Location/x/_history/6"), null for a first version.</summary>
    public string? Previous => Version > 1 ? FhirResourceVersion.KeyOf(ResourceType, ResourceId, Version - 1) : null;
}
