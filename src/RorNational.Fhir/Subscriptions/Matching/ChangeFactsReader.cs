using Marten;
using RorNational.Domain.Capacity;
using RorNational.Domain.Establishments;
using RorNational.Fhir.Availability.Placement;
using RorNational.Fhir.Publishing;
using RorNational.Fhir.Subscriptions.Topics;
using RorNational.ReferenceData;

namespace RorNational.Fhir.Subscriptions.Matching;

/// <summary>
/// Where the write of one stream happened (<see cref="ChangeFacts"/>): the EG of an eg-... or
/// capacity-... stream, its région and postal code from its address' commune (as the TRE-R30 tag
/// its resources carry), and for a lieu's capacity its regroupement (<see cref="UnitPlacement"/>).
/// An EJ's stream has none of them: only unfiltered subscriptions hear of it.
/// </summary>
public sealed class ChangeFactsReader(IQuerySession session, Territory territory)
{
    private readonly Dictionary<string, ChangeFacts> _known = new(StringComparer.Ordinal);

    public async Task<ChangeFacts> OfAsync(string stream, CancellationToken cancellation)
    {
        if (_known.TryGetValue(stream, out var known)) return known;
        var finess = CapacityStreams.FinessOf(stream) ?? EstablishmentIds.FinessOfEG(stream);
        string? region = null, postalCode = null, regroupement = null;
        if (finess is not null)
        {
            var state = await session.LoadAsync<PublicationState>(EstablishmentIds.EG(finess), cancellation);
            if (state?.EG?.Data.Address is { } address)
            {
                postalCode = address.PostalCode;
                region = address.CommuneCog is { } cog ? territory.RegionOfCommune(cog) : null;
            }
        }
        if (CapacityStreams.UnitOf(stream) is { } unit)
            regroupement = (await session.LoadAsync<UnitPlacement>(unit, cancellation))?.Regroupement;
        return _known[stream] = new ChangeFacts(region, postalCode, finess, regroupement);
    }
}
