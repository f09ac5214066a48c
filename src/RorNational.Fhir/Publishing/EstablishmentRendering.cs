using Hl7.Fhir.Model;
using RorNational.Domain.Establishments.Structure;
using RorNational.Fhir.HealthcareServices;
using RorNational.Fhir.Locations;
using RorNational.Fhir.Organizations;

namespace RorNational.Fhir.Publishing;

/// <summary>Every FHIR resource one EJ or EG stream publishes, drafts excluded by construction.</summary>
public static class EstablishmentRendering
{
    public static IReadOnlyList<DomainResource> Render(PublicationState state, Func<string, string?> regionOfCommune, DateTimeOffset now)
    {
        if (state.EJ is { } ej) return [OrganizationRendering.Render(ej)];
        if (state.EG is not { } eg) return [];

        var region = eg.Data.Address.CommuneCog is { } cog ? regionOfCommune(cog) : null;
        var publication = new Publication(eg, region, state.FirstPublished, state.UnitIds, state.SensitiveLieux, now);
        var resources = new List<DomainResource> { OrganizationRendering.Render(eg, publication) };
        foreach (var fiche in eg.Fiches.Values)
            resources.Add(fiche.Type switch
            {
                FicheType.UO => HealthcareServiceRendering.Render(fiche, publication),
                FicheType.Lieu => LocationRendering.Render(fiche, publication),
                _ => OrganizationRendering.Render(fiche, publication),
            });
        return resources;
    }
}
