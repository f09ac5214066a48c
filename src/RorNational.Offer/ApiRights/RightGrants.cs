using Marten;
using RorNational.Domain.Establishments;
using RorNational.ReferenceData;
using RorNational.Security.Callers;

namespace RorNational.Offer.ApiRights;

/// <summary>
/// Whether a caller holds a route's right, on the decisions of <see cref="Rights"/>. Nothing is
/// read unless a région is needed; an unknown EG is then refused like an EG of another région,
/// so that a refusal says nothing of whether the target exists.
/// </summary>
public static class RightGrants
{
    public static async Task<bool> Holds(Caller caller, Right right, string? target, IDocumentStore store, Territory territory,
        CancellationToken cancellation) => right switch
    {
        Right.Admin => Rights.IsAdmin(caller),
        Right.Auditor => Rights.IsAuditor(caller),
        Right.EditorOfEstablishment => Rights.MayEdit(caller, FinessOf(target)),
        Right.SupplierOfEstablishment => Rights.MaySupply(caller, FinessOf(target)),
        Right.ValidatorOfEstablishmentRegion => await ValidatesTheRegionOf(caller, target, store, territory, cancellation),
        Right.PractitionerRecorder => Rights.IsAdmin(caller) || Rights.EditsSomewhere(caller),
        Right.ReaderOfEstablishment => Rights.IsAuditor(caller) || Rights.MayEdit(caller, FinessOf(target))
                                       || await ValidatesTheRegionOf(caller, target, store, territory, cancellation),
        _ => false,
    };

    /// <summary>
    /// A validator of every région passes and one of none is refused before anything is read;
    /// otherwise the EG's région is read.
    /// </summary>
    private static async Task<bool> ValidatesTheRegionOf(Caller caller, string? egId, IDocumentStore store, Territory territory,
        CancellationToken cancellation)
    {
        if (Rights.ValidatesEverywhere(caller)) return true;
        if (!Rights.ValidatesSomewhere(caller)) return false;
        return Rights.MayValidate(caller, await RegionOf(egId, store, territory, cancellation));
    }

    /// <summary>The région of an EG's commune, as its resources are tagged; null for an unknown EG or commune, or an EJ.</summary>
    private static async Task<string?> RegionOf(string? egId, IDocumentStore store, Territory territory, CancellationToken cancellation)
    {
        if (FinessOf(egId) is null) return null;
        await using var session = store.QuerySession();
        var eg = await session.LoadAsync<EG>(egId!, cancellation);
        return eg?.Data.Address.CommuneCog is { } cog ? territory.RegionOfCommune(cog) : null;
    }

    private static string? FinessOf(string? egId) => egId is null ? null : EstablishmentIds.FinessOfEG(egId);
}
