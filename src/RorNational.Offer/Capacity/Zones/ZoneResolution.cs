using Marten;
using RorNational.Domain.Capacity;
using RorNational.Fhir.Storage;
using RorNational.Security.Callers;

namespace RorNational.Offer.Capacity.Zones;

/// <summary>
/// Finds the lieu a supplier addresses, among the <see cref="SupplyZone"/> documents the
/// publication keeps, and checks the supplier's right on its EG. A caller who may not supply
/// the EG is refused before anything is said of the lieu: the same 403 whether it exists or
/// not (by Location id, an unknown id is that 403 too, unless the caller supplies every EG).
/// </summary>
public static class ZoneResolution
{
    /// <summary>The zones any of these addresses may name, in at most two queries (a bundle has thousands of entries).</summary>
    public static async Task<IReadOnlyList<SupplyZone>> CandidatesAsync(IQuerySession session, IEnumerable<ZoneAddress> addresses,
        CancellationToken cancellation)
    {
        var all = addresses.ToList();
        var finesses = all.Where(a => a.EGFiness is not null).Select(a => a.EGFiness!).Distinct().ToArray();
        var ids = all.Where(a => a.LocationId is not null).Select(a => a.LocationId!).Distinct().ToArray();
        var zones = new List<SupplyZone>();
        if (finesses.Length > 0)
        {
            var keys = all.Where(a => a.Key is not null).Select(a => a.Key!).Distinct().ToArray();
            zones.AddRange(await session.Query<SupplyZone>()
                .Where(z => z.EGFiness.IsOneOf(finesses) && (z.IdExterneSynchro.IsOneOf(keys) || z.FunctionalId.IsOneOf(keys)))
                .ToListAsync(cancellation));
        }
        if (ids.Length > 0)
            zones.AddRange(await session.Query<SupplyZone>().Where(z => z.LocationId.IsOneOf(ids)).ToListAsync(cancellation));
        // A lieu named both ways comes from both queries: once each.
        return zones.DistinctBy(z => z.Id).ToList();
    }

    /// <summary>A caller who supplies no EG is refused before its request is even read.</summary>
    public static void EnsureSupplier(Caller caller)
    {
        if (caller.Client is not { SupplierOf.Count: > 0 }) throw Rights.Refusal();
    }

    /// <summary>The one published lieu the address names, if the caller may supply its EG; throws the refusal otherwise.</summary>
    public static SupplyZone Resolve(Caller caller, ZoneAddress address, IReadOnlyList<SupplyZone> candidates)
    {
        if (address.EGFiness is { } finess)
        {
            if (!Rights.MaySupply(caller, finess)) throw Rights.Refusal();
            return Single(address, candidates.Where(z => !z.Retired && string.Equals(z.EGFiness, finess, StringComparison.OrdinalIgnoreCase)
                                                        && (z.IdExterneSynchro == address.Key || z.FunctionalId == address.Key)).ToList());
        }
        var zone = candidates.FirstOrDefault(z => z.LocationId == address.LocationId);
        // An unknown id says nothing to a caller who could not supply every EG anyway.
        if (zone is null ? !Rights.MaySupply(caller, null) : !Rights.MaySupply(caller, zone.EGFiness)) throw Rights.Refusal();
        return Single(address, zone is { Retired: false } ? [zone] : []);
    }

    private static SupplyZone Single(ZoneAddress address, IReadOnlyList<SupplyZone> matches) => matches switch
    {
        [] => throw CapacityChangeRefused.Because(CapacityRefusalKind.ZoneNotFound,
            $"La Location avec l'identifiant externe de synchro OU l'identifiant unique de saisie : '{address.Text}' n'a pas été trouvée.", "Location"),
        [var zone] when zone.EGClosed => throw CapacityChangeRefused.Because(CapacityRefusalKind.BusinessRule,
            $"L'établissement {zone.EGFiness} est fermé (sorti du FINESS) : sa capacité n'est plus alimentée.", "Location"),
        [var zone] => zone,
        _ => throw CapacityChangeRefused.Because(CapacityRefusalKind.MultipleMatches,
            $"La Location recherchée n'est pas unique, il y a '{matches.Count}' résultats", "Location"),
    };
}
