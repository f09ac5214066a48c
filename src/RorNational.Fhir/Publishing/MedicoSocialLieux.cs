using RorNational.Domain.Establishments;

namespace RorNational.Fhir.Publishing;

/// <summary>
/// The lieux in the medico-social field: those where every UO served is medico-social (champ
/// d'activité 04, TRE_R227), and at least one is. The access policy lets medico-social
/// professionals (P3) see the capacity of that field only, so the Location of such a lieu
/// (an EHPAD's places) says so in its metadata (<see cref="Ror.RorDatatypes.MedicoSocialField"/>)
/// and its content is classified in that field. A lieu shared with an offer of another field,
/// or serving none, stays outside it.
/// </summary>
public static class MedicoSocialLieux
{
    public const string MedicoSocialField = "04";

    public static IReadOnlySet<string> Of(EG eg)
    {
        var uos = eg.Fiches.Values.Where(f => f.UO is not null).ToList();
        var lieux = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lieu in eg.Fiches.Values.Where(f => f.Lieu is not null).Select(f => f.Id))
        {
            var served = uos.Where(f => f.UO!.LieuIds.Contains(lieu)).ToList();
            if (served.Count > 0 && served.All(f => f.UO!.ChampActivite == MedicoSocialField)) lieux.Add(lieu);
        }
        return lieux;
    }
}
