using RorNational.Domain.Establishments;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Organizations;

/// <summary>The published FHIR Organization of an EJ or an EG, with the state it is rendered from.</summary>
public sealed class OrganizationDocument : FhirDocument
{
    public EJ? EJ { get; set; }
    public EG? EG { get; set; }
}
