using Hl7.Fhir.Model;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Structure;
using RorNational.Fhir.HealthcareServices;
using RorNational.Fhir.Locations;
using RorNational.Fhir.Organizations;
using RorNational.Fhir.Search.Indexing;

namespace RorNational.Fhir.Publishing;

/// <summary>
/// Inline projection: renders every EJ and EG stream as its FHIR resources (Organization for
/// the EJ, the EG and its pôles/services/UF, HealthcareService per UO, Location per lieu) in
/// the same transaction as the events. Drafts never reach it: only published state renders.
/// </summary>
public sealed class EstablishmentPublicationProjection(Func<string, string?> regionOfCommune, SearchIndexer indexer) : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var streams = events
            .Where(e => e.StreamKey is { } key && EstablishmentIds.IsEstablishmentStream(key))
            .GroupBy(e => e.StreamKey!)
            .ToList();
        if (streams.Count == 0) return;

        // One query for all the states of the batch, not one per stream: an import batch
        // touches hundreds of streams.
        var states = (await operations.LoadManyAsync<PublicationState>(cancellation, streams.Select(s => s.Key).ToArray()))
            .ToDictionary(s => s.Id);
        var renderings = new List<StreamRendering>(streams.Count);
        foreach (var stream in streams)
        {
            var state = states.GetValueOrDefault(stream.Key) ?? new PublicationState { Id = stream.Key };
            foreach (var e in stream)
            {
                state.EJ = EJ.Evolve(state.EJ, e.Data);
                state.EG = EG.Evolve(state.EG, e.Data);
                UnitFhirIds.Assign(state, e);
            }
            state.SensitiveLieux = SensitiveLieux.After(state.EG, state.SensitiveLieux);
            var at = stream.Last().Timestamp;
            renderings.Add(new StreamRendering(state, Render(state, at), at));
        }
        await ResourcePublisher.PublishAsync(operations, renderings, indexer, cancellation);
        foreach (var rendering in renderings)
        {
            operations.Store(rendering.State);
            SupplyZones.Store(operations, rendering.State);
        }
    }

    /// <summary>Every FHIR resource one EJ or EG stream publishes, drafts excluded by construction.</summary>
    private IReadOnlyList<DomainResource> Render(PublicationState state, DateTimeOffset now)
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
