using Hl7.Fhir.Model;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Structure;
using RorNational.Fhir.Publishing;
using RorNational.Fhir.Ror;
using T = RorNational.Fhir.Ror.RorCanonical.Terminologies;

namespace RorNational.Fhir.Organizations;

/// <summary>Renders EJ, EG and internal organisation units (pôle, service, UF) as ror-organization.</summary>
public static class OrganizationRendering
{
    public static Organization Render(EJ ej) => new()
    {
        Id = ej.Id,
        Meta = new Meta { Profile = [RorCanonical.OrganizationProfile] },
        Extension = [RorDatatypes.CreationDate(ej.RegisteredAt)],
        Identifier = Identifiers(ej.Data.Finess, siret: null),
        Active = true,
        Name = ej.Data.LegalName,
    };

    public static Organization Render(EG eg, Publication publication)
    {
        var data = eg.Data;
        var address = RorDatatypes.Address(data.Address);
        if (data.Coordinates is { } position)
            address.Extension.Add(new Extension
            {
                Url = "http://hl7.org/fhir/StructureDefinition/geolocation",
                Extension =
                [
                    new Extension("latitude", new FhirDecimal((decimal)position.Latitude)),
                    new Extension("longitude", new FhirDecimal((decimal)position.Longitude)),
                ],
            });
        var organization = new Organization
        {
            Id = eg.Id,
            Meta = publication.Meta(RorCanonical.OrganizationProfile),
            Extension = [RorDatatypes.CreationDate(eg.RegisteredAt)],
            Identifier = Identifiers(data.Finess, data.Siret),
            Active = !eg.Closed,
            Type = data.Category is null ? [] : [RorDatatypes.Coded(T.EstablishmentCategory, data.Category)],
            Name = data.Name,
            Alias = eg.OperationalName is null ? [] : [eg.OperationalName],
            Address = [address],
            PartOf = new ResourceReference("Organization/" + EstablishmentIds.EJ(data.EJFiness)),
        };
        organization.Extension.AddRange(OrganizationDescriptionRendering.Extensions(eg.Description, data.OpeningDate));
        if (data.Phone is not null)
            organization.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, data.Phone)
            {
                Extension =
                [
                    new Extension(RorCanonical.Extensions.TelecomChannel, RorDatatypes.Coded(T.CanalCommunication, "2", "Téléphone fixe")),
                    new Extension(RorCanonical.Extensions.TelecomConfidentialityLevel, RorDatatypes.ConfidentialityLevel(Confidentiality.Public)),
                ],
            });
        return organization;
    }

    /// <summary>A pôle, service or UF, partOf its parent unit or its EG.</summary>
    public static Organization Render(Fiche unit, Publication publication) => new()
    {
        Extension =
        [
            RorDatatypes.CreationDate(publication.CreatedAt("Organization", unit.Id)),
            .. OrganizationDescriptionRendering.Extensions(unit.Organisation),
        ],
        Id = publication.IdOf(unit.Id),
        Meta = publication.Meta(RorCanonical.OrganizationProfile),
        Identifier =
        [
            new Identifier(RorCanonical.InternalOrganizationSystem, publication.EditorIdOf(unit.Id))
            {
                Type = RorDatatypes.Coded(RorCanonical.Nos("TRE_R345", "TypeIdentifiantAutre"), "42", "Identifiant OI"),
            },
            publication.EditorIdentifier(unit.Id),
        ],
        Active = !publication.EG.Closed,
        Type = [RorDatatypes.Coded(T.InternalOrganizationType, unit.Type switch
        {
            FicheType.Pole => "1",
            FicheType.Service => "2",
            _ => "3",
        }, unit.Type switch
        {
            FicheType.Pole => "Pôle",
            FicheType.Service => "Service",
            _ => "Unité fonctionnelle",
        })],
        Name = unit.Name,
        PartOf = publication.ParentReference(unit.ParentId),
    };

    private static List<Identifier> Identifiers(string finess, string? siret)
    {
        List<Identifier> identifiers = [RorDatatypes.IdNatSt(finess), RorDatatypes.Finess(finess)];
        if (siret is not null) identifiers.Add(RorDatatypes.Siret(siret));
        return identifiers;
    }
}
