using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using RorNational.Domain.Establishments;

namespace RorNational.Fhir.Publishing;

/// <summary>
/// Inline projection: renders every EJ and EG stream as its FHIR resources (Organization for
/// the EJ, the EG and its pôles/services/UF, HealthcareService per UO, Location per lieu) in
/// the same transaction as the events. Drafts never reach it: only published state renders.
/// </summary>
public sealed class EstablishmentPublicationProjection(Func<string, string?> regionOfCommune) : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var streams = events
            .Where(e => e.StreamKey is { } key && (key.StartsWith(EstablishmentIds.EJ(""), StringComparison.Ordinal)
                                                 || key.StartsWith(EstablishmentIds.EG(""), StringComparison.Ordinal)))
            .GroupBy(e => e.StreamKey!);
        foreach (var stream in streams)
        {
            var state = await operations.LoadAsync<PublicationState>(stream.Key, cancellation) ?? new PublicationState { Id = stream.Key };
            foreach (var e in stream)
            {
                state.EJ = EJ.Evolve(state.EJ, e.Data);
                state.EG = EG.Evolve(state.EG, e.Data);
            }
            var at = stream.Last().Timestamp;
            var resources = EstablishmentRendering.Render(state, regionOfCommune, at);
            await ResourcePublisher.PublishAsync(operations, state, resources, at, cancellation);
            operations.Store(state);
        }
    }
}
