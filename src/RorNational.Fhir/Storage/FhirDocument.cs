namespace RorNational.Fhir.Storage;

/// <summary>
/// A published FHIR resource as a projection stored it: served as stored, never re-serialized.
/// <see cref="Version"/> is the version of the stream it comes from (meta.versionId).
/// <see cref="Json"/> is text, not jsonb: jsonb would reorder the resource's elements.
/// </summary>
public abstract class FhirDocument
{
    public string Id { get; set; } = "";
    public long Version { get; set; }
    public DateTimeOffset LastUpdated { get; set; }
    public string Json { get; set; } = "";
}
