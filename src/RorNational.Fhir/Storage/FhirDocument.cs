using RorNational.Fhir.Access;

namespace RorNational.Fhir.Storage;

/// <summary>
/// A published FHIR resource as a projection stored it: served as stored, never re-serialized.
/// <see cref="Json"/> is text, not jsonb: jsonb would reorder the resource's elements.
/// <see cref="Version"/> counts the changes of this resource (meta.versionId, ETag); it moves
/// only when the rendered content changes, so lastUpdated deltas stay meaningful.
/// </summary>
public abstract class FhirDocument
{
    public string Id { get; set; } = "";
    public long Version { get; set; }
    public DateTimeOffset LastUpdated { get; set; }
    public string Json { get; set; } = "";

    /// <summary>Hash of the rendered content without its meta.versionId/lastUpdated.</summary>
    public string ContentHash { get; set; } = "";

    /// <summary>No longer published (unit removed by an accepted dossier): read answers 410 Gone.</summary>
    public bool Retired { get; set; }

    /// <summary>
    /// The distinct data classes of the resource's elements (<see cref="Access.Redaction.ClassSetsOf"/>):
    /// a profile that hides none of them is served <see cref="Json"/> as stored.
    /// </summary>
    public DataClass[] ClassSets { get; set; } = [];

    /// <summary>The EJ, EG or professional's stream the resource is rendered from.</summary>
    public string SourceStream { get; set; } = "";
}

public sealed class OrganizationDocument : FhirDocument;

public sealed class HealthcareServiceDocument : FhirDocument;

public sealed class LocationDocument : FhirDocument;

public sealed class PractitionerDocument : FhirDocument;

public sealed class PractitionerRoleDocument : FhirDocument;
