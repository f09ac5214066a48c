using Marten;
using RorNational.Domain.Establishments;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Publishing;

/// <summary>
/// Keeps one <see cref="SupplyZone"/> per lieu an EG publishes or once published (then
/// retired), so that suppliers find the capacity stream of a lieu by the keys they know.
/// </summary>
public static class SupplyZones
{
    public static void Store(IDocumentOperations operations, PublicationState state)
    {
        if (state.EG is not { } eg) return;
        foreach (var (ficheId, locationId) in state.UnitIds)
        {
            var lieu = eg.Fiches.GetValueOrDefault(ficheId)?.Lieu;
            if (lieu is null && !state.FirstPublished.ContainsKey("Location/" + locationId)) continue;
            operations.Store(new SupplyZone
            {
                Id = EstablishmentIds.Unit(eg.Data.Finess, ficheId),
                EGFiness = eg.Data.Finess,
                LieuId = ficheId,
                LocationId = locationId,
                IdExterneSynchro = lieu?.IdExterneSynchro,
                FunctionalId = lieu?.FunctionalId,
                Retired = lieu is null,
                EGClosed = eg.Closed,
            });
        }
    }
}
