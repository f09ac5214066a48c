using RorNational.Domain.Establishments;

namespace RorNational.Fhir.Publishing;

/// <summary>
/// The lieux of one champ d'activité (TRE_R227): those where every UO served is in that field,
/// and at least one is. A lieu shared with an offer of another field, or serving none, is in
/// none. The access policy shows some of a lieu's data by its field (<see cref="MedicoSocialLieux"/>,
/// <see cref="VilleLieux"/>), so the Location of such a lieu says so in its metadata.
/// </summary>
public static class LieuxOfOneField
{
    public static IReadOnlySet<string> Of(EG eg, string field)
    {
        var uos = eg.Fiches.Values.Where(f => f.UO is not null).ToList();
        var lieux = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lieu in eg.Fiches.Values.Where(f => f.Lieu is not null).Select(f => f.Id))
        {
            var served = uos.Where(f => f.UO!.LieuIds.Contains(lieu)).ToList();
            if (served.Count > 0 && served.All(f => f.UO!.ChampActivite == field)) lieux.Add(lieu);
        }
        return lieux;
    }
}
