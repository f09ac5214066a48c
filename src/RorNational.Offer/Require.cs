using Marten;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Establishments;
using RorNational.ReferenceData;
using RorNational.Security.Callers;

namespace RorNational.Offer;

/// <summary>
/// The right each /api endpoint checks first, before it reads its body or loads anything:
/// a refusal is the same 403 whether the target exists or not (<see cref="Rights.Refusal"/>).
/// </summary>
public static class Require
{
    /// <summary>Registering establishments, FINESS imports.</summary>
    public static void Admin(HttpContext http)
    {
        if (!Rights.IsAdmin(Callers.Of(http))) throw Rights.Refusal();
    }

    /// <summary>Direct edits and dossiers (open, fiches, finalize, submit): an editor of this EG.</summary>
    public static void EditorOf(HttpContext http, string egId)
    {
        if (!Rights.MayEdit(Callers.Of(http), EstablishmentIds.FinessOfEG(egId))) throw Rights.Refusal();
    }

    /// <summary>
    /// Accepting or rejecting a dossier: a validator of the EG's région. A validator of every
    /// région passes and one of none is refused before anything is read; otherwise the EG's
    /// région is read, and an unknown EG is refused like an EG of another région, so that
    /// validators learn nothing of the EGs outside their régions.
    /// </summary>
    public static async Task ValidatorOfAsync(HttpContext http, string egId, IQuerySession session, Territory territory,
        CancellationToken cancellation)
    {
        var caller = Callers.Of(http);
        if (Rights.ValidatesEverywhere(caller)) return;
        if (!Rights.ValidatesSomewhere(caller)) throw Rights.Refusal();
        if (!Rights.MayValidate(caller, await RegionOf(egId, session, territory, cancellation))) throw Rights.Refusal();
    }

    /// <summary>
    /// The editors' view and the history of an establishment: auditors, its editors and the
    /// validators of its région (an EJ: auditors, and editors or validators of every EG).
    /// </summary>
    public static async Task ReaderOfAsync(HttpContext http, string establishmentId, IQuerySession session, Territory territory,
        CancellationToken cancellation)
    {
        var caller = Callers.Of(http);
        if (Rights.IsAuditor(caller) || Rights.MayEdit(caller, EstablishmentIds.FinessOfEG(establishmentId))
                                     || Rights.ValidatesEverywhere(caller)) return;
        if (!Rights.ValidatesSomewhere(caller)) throw Rights.Refusal();
        if (!Rights.MayValidate(caller, await RegionOf(establishmentId, session, territory, cancellation))) throw Rights.Refusal();
    }

    /// <summary>The région of an EG's commune, as its resources are tagged; null for an unknown EG or commune.</summary>
    private static async Task<string?> RegionOf(string egId, IQuerySession session, Territory territory, CancellationToken cancellation)
    {
        if (EstablishmentIds.FinessOfEG(egId) is null) return null;
        var eg = await session.LoadAsync<EG>(egId, cancellation);
        return eg?.Data.Address.CommuneCog is { } cog ? territory.RegionOfCommune(cog) : null;
    }
}
