using RorNational.Domain.Establishments;

namespace RorNational.Fhir.Publishing;

/// <summary>
/// The lieux whose Location content is a sensitive unit's: the guide hides the Location of a
/// sensitive unit, since its name and address would tell where the unit is. A lieu becomes
/// sensitive when every UO it serves is sensitive, and public again as soon as a UO that is
/// not sensitive is there; a lieu left without any UO keeps what it was, so removing a
/// sensitive unit does not show where it was. Such a Location carries the security label
/// "R" (<see cref="Ror.RorDatatypes.SensitiveUnitsOnly"/>), which classifies its content.
/// </summary>
public static class SensitiveLieux
{
    public static HashSet<string> After(EG? eg, IReadOnlySet<string> before)
    {
        if (eg is null) return [.. before];
        var uos = eg.Fiches.Values.Where(f => f.UO is not null).ToList();
        var sensitive = new HashSet<string>();
        foreach (var lieu in eg.Fiches.Values.Where(f => f.Lieu is not null).Select(f => f.Id))
        {
            var served = uos.Where(f => f.UO!.LieuIds.Contains(lieu)).ToList();
            var isSensitive = served.Count == 0 ? before.Contains(lieu) : served.All(f => f.UO!.Content.SensitiveUnit);
            if (isSensitive) sensitive.Add(lieu);
        }
        return sensitive;
    }
}
