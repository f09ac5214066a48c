using Hl7.Fhir.Model;
using RorNational.Domain.Establishments.Structure;
using RorNational.Fhir.Publishing;
using RorNational.Fhir.Ror;
using E = RorNational.Fhir.Ror.RorCanonical.Extensions;
using T = RorNational.Fhir.Ror.RorCanonical.Terminologies;

namespace RorNational.Fhir.Locations;

/// <summary>Renders a lieu de réalisation as a ror-location, managed by its EG.</summary>
public static class LocationRendering
{
    public static Location Render(Fiche fiche, Publication publication)
    {
        var lieu = fiche.Lieu!;
        var location = new Location
        {
            Id = publication.IdOf(fiche.Id),
            Meta = publication.Meta(RorCanonical.LocationProfile),
            Status = publication.EG.Closed ? Location.LocationStatus.Inactive : Location.LocationStatus.Active,
            Name = fiche.Name,
            Type = lieu.Function is null ? [] : [RorDatatypes.Coded(T.FonctionLieu, lieu.Function)],
            Address = lieu.Address is null ? null : RorDatatypes.Address(lieu.Address),
            Position = lieu.Position is { } position
                ? new Location.PositionComponent { Latitude = (decimal)position.Latitude, Longitude = (decimal)position.Longitude }
                : null,
            ManagingOrganization = new ResourceReference("Organization/" + publication.EG.Id),
            Identifier = [publication.EditorIdentifier(fiche.Id)],
        };
        LocationContentRendering.Render(lieu, location);
        if (lieu.IdExterneSynchro is not null)
            location.Identifier.Add(new Identifier
            {
                Type = RorDatatypes.Coded(T.LocationIdentifierTypes, "26", "Identifiant externe de synchronisation"),
                // The key supplier editors address capacity with: IdNatStruct(EG)/idExterneSynchro.
                Value = $"1{publication.EG.Data.Finess}/{lieu.IdExterneSynchro}",
            });
        if (lieu.FunctionalId is not null)
            location.Identifier.Add(new Identifier
            {
                Type = RorDatatypes.Coded(T.LocationIdentifierTypes, "25", "Identifiant fonctionnel du lieu"),
                Value = lieu.FunctionalId,
            });
        if (lieu.Address?.CommuneCog is { } cog)
            location.Extension.Add(new Extension(E.CommuneCog, RorDatatypes.Coded(T.Commune, cog)));
        location.Extension.AddRange(LocationContentRendering.Extensions(lieu));
        // Capacity before the creation date, as in the guide's ror-location-exemple-1: a capacity
        // change replaces these alone, in the same place (LocationCapacityRendering).
        location.Extension.AddRange(publication.CapacityOf(fiche.Id).Select(CapacityExtension.Of));
        location.Extension.Add(RorDatatypes.CreationDate(publication.CreatedAt("Location", fiche.Id)));
        // The guide hides the Location content of sensitive units: a lieu that serves sensitive
        // units only says so in its metadata, and its content is classified as theirs.
        if (publication.SensitiveLieux.Contains(fiche.Id))
            location.Meta.Security.Add(RorDatatypes.SensitiveUnitsOnly());
        // A lieu of medico-social offers only: its capacity is in the field P3 may see.
        if (publication.MedicoSocialLieux.Contains(fiche.Id))
            location.Meta.Tag.Add(RorDatatypes.MedicoSocialField());
        // An ambulatory lieu (ville offers only): its telecoms are in the field P0 may see.
        if (publication.VilleLieux.Contains(fiche.Id))
            location.Meta.Tag.Add(RorDatatypes.VilleField());
        return location;
    }
}
