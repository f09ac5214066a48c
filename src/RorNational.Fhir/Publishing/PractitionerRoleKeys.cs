using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Structure;

namespace RorNational.Fhir.Publishing;

/// <summary>
/// The key of a professional's role in a UO among the EG's units ("uo-kine/rpps-10003022231"):
/// a role gets an opaque FHIR id as the units do (<see cref="UnitFhirIds"/>), from the event that
/// first published it. Fiche ids hold no "/", so a role key never names a fiche.
/// </summary>
public static class PractitionerRoleKeys
{
    public static string Of(string uoFicheId, string rpps) => $"{uoFicheId}/rpps-{rpps}";

    /// <summary>The keys of every role of the EG's published UOs.</summary>
    public static IEnumerable<string> In(EG eg) => eg.Fiches.Values
        .Where(f => f.UO is not null)
        .SelectMany(f => f.UO!.Content.PractitionerRoles.Where(r => r.Rpps is not null).Select(r => Of(f.Id, r.Rpps!)));
}
