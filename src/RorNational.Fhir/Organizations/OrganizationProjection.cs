using Hl7.Fhir.Model;
using JasperFx.Events;
using Marten.Events.Aggregation;
using RorNational.Domain.Establishments;
using RorNational.Fhir.Ror;

namespace RorNational.Fhir.Organizations;

/// <summary>
/// Inline projection: the EJ and EG streams, each rendered as its FHIR Organization in the
/// same transaction as the events, so a read right after a command sees it.
/// </summary>
public sealed class OrganizationProjection : SingleStreamProjection<OrganizationDocument, string>
{
    public override OrganizationDocument? Evolve(OrganizationDocument? document, string id, IEvent e)
    {
        var ej = EJ.Evolve(document?.EJ, e.Data);
        var eg = EG.Evolve(document?.EG, e.Data);
        if (ReferenceEquals(ej, document?.EJ) && ReferenceEquals(eg, document?.EG)) return document;

        var resource = ej is not null ? OrganizationRendering.Render(ej) : OrganizationRendering.Render(eg!);
        var lastUpdated = RorDatatypes.Instant(e.Timestamp);
        var meta = resource.Meta ??= new Meta();
        meta.VersionId = e.Version.ToString();
        meta.LastUpdated = lastUpdated;

        document ??= new OrganizationDocument { Id = id };
        document.EJ = ej;
        document.EG = eg;
        document.Version = e.Version;
        document.LastUpdated = lastUpdated;
        document.Json = FhirJson.Serialize(resource);
        return document;
    }
}
