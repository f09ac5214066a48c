using Hl7.Fhir.Model;
using JasperFx.Events;
using RorNational.Domain.Capacity;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Structure;
using RorNational.Fhir.HealthcareServices;
using RorNational.Fhir.Locations;
using RorNational.Fhir.Organizations;
using RorNational.Fhir.Practitioners;

namespace RorNational.Fhir.Publishing;

/// <summary>
/// What one batch of an EJ or EG stream's events publishes: the events folded into the stream's
/// <see cref="PublicationState"/> (<see cref="Fold"/>), then every FHIR resource rendered from it
/// (<see cref="Render"/>). The one code both the inline projection
/// (<see cref="EstablishmentPublicationProjection"/>) and the replay of an establishment's events
/// as of an instant (<see cref="Description.DescriptionReplay"/>) run, so that the replay gives
/// the JSON the projection stored.
/// </summary>
public sealed class EstablishmentRendering(Func<string, string?> regionOfCommune)
{
    /// <summary>Folds the events one batch holds of a stream, in order, into its state (units' FHIR ids and sensitive lieux included).</summary>
    public static void Fold(PublicationState state, IEnumerable<IEvent> events)
    {
        foreach (var e in events)
        {
            state.EJ = EJ.Evolve(state.EJ, e.Data);
            state.EG = EG.Evolve(state.EG, e.Data);
            UnitFhirIds.Assign(state, e);
        }
        state.SensitiveLieux = SensitiveLieux.After(state.EG, state.SensitiveLieux);
    }

    /// <summary>The capacity streams of the lieux an EG renders.</summary>
    public static IEnumerable<string> CapacityStreamsOf(PublicationState state) => state.EG is { } eg ? CapacityStreamsOf(eg) : [];

    /// <summary>The capacity streams of the lieux of an EG as it stands.</summary>
    public static IEnumerable<string> CapacityStreamsOf(EG eg) =>
        eg.Fiches.Values.Where(f => f.Lieu is not null).Select(f => CapacityStreams.Of(eg.Data.Finess, f.Id));

    /// <summary>Every FHIR resource one EJ or EG stream publishes, drafts excluded by construction.</summary>
    /// <param name="capacityOf">The current indicators of a lieu, by its EG's FINESS and its fiche id.</param>
    /// <param name="now">The timestamp of the stream's last event in the batch.</param>
    public IReadOnlyList<DomainResource> Render(
        PublicationState state, Func<string, string, IReadOnlyList<CapacityIndicator>> capacityOf, DateTimeOffset now)
    {
        if (state.EJ is { } ej) return [OrganizationRendering.Render(ej)];
        if (state.EG is not { } eg) return [];

        var region = eg.Data.Address.CommuneCog is { } cog ? regionOfCommune(cog) : null;
        var publication = new Publication(eg, region, state.FirstPublished, state.UnitIds, state.SensitiveLieux, now)
        {
            CapacityOf = lieu => capacityOf(eg.Data.Finess, lieu),
            MedicoSocialLieux = MedicoSocialLieux.Of(eg),
            VilleLieux = VilleLieux.Of(eg),
        };
        var resources = new List<DomainResource> { OrganizationRendering.Render(eg, publication) };
        foreach (var fiche in eg.Fiches.Values)
            resources.Add(fiche.Type switch
            {
                FicheType.UO => HealthcareServiceRendering.Render(fiche, publication),
                FicheType.Lieu => LocationRendering.Render(fiche, publication),
                _ => OrganizationRendering.Render(fiche, publication),
            });
        foreach (var uo in eg.Fiches.Values.Where(f => f.UO is not null))
            resources.AddRange(uo.UO!.Content.PractitionerRoles.Select(role => PractitionerRoleRendering.Render(uo, role, publication)));
        return resources;
    }
}
