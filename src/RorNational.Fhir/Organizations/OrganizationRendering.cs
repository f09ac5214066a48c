using Hl7.Fhir.Model;
using RorNational.Domain.Establishments;
using RorNational.Fhir.Ror;

namespace RorNational.Fhir.Organizations;

/// <summary>Renders EJ and EG as ror-organization resources.</summary>
public static class OrganizationRendering
{
    public static Organization Render(EJ ej) => new()
    {
        Id = ej.Id,
        Meta = new Meta { Profile = [RorCanonical.OrganizationProfile] },
        Extension = [RorDatatypes.CreationDate(ej.RegisteredAt)],
        Identifier = [RorDatatypes.IdNatSt(ej.Data.Finess), RorDatatypes.Finess(ej.Data.Finess)],
        Active = true,
        Name = ej.Data.LegalName,
    };

    public static Organization Render(EG eg) => new()
    {
        Id = eg.Id,
        Meta = new Meta { Profile = [RorCanonical.OrganizationProfile] },
        Extension = [RorDatatypes.CreationDate(eg.RegisteredAt)],
        Identifier = [RorDatatypes.IdNatSt(eg.Data.Finess), RorDatatypes.Finess(eg.Data.Finess)],
        Active = true,
        Name = eg.Data.Name,
        Address = [RorDatatypes.Address(eg.Data.Address)],
        PartOf = new ResourceReference("Organization/" + EstablishmentIds.EJ(eg.Data.EJFiness)),
    };
}
