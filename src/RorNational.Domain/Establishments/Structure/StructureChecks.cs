using RorNational.Domain.Common;

namespace RorNational.Domain.Establishments.Structure;

/// <summary>
/// Rules on the description as a whole, checked on the structure a dossier would publish:
/// every parent exists and may hold its child, every lieu a UO names exists, nothing removed
/// is still used, and idExterneSynchro is unique within the EG.
/// </summary>
public static class StructureChecks
{
    public static IReadOnlyList<Problem> Of(IReadOnlyDictionary<string, Fiche> fiches)
    {
        var problems = new List<Problem>();
        foreach (var fiche in fiches.Values.OrderBy(f => f.Id, StringComparer.Ordinal))
        {
            if (fiche.ParentId is { } parentId)
            {
                if (!fiches.TryGetValue(parentId, out var parent))
                    problems.Add(new Problem($"parent {parentId} is not part of the establishment", $"{fiche.Id}.parentId"));
                else if (!MayContain(parent.Type, fiche.Type))
                    problems.Add(new Problem($"a {parent.Type} cannot contain a {fiche.Type}", $"{fiche.Id}.parentId"));
            }
            foreach (var lieuId in fiche.UO?.LieuIds ?? [])
                if (!fiches.TryGetValue(lieuId, out var lieu) || lieu.Type != FicheType.Lieu)
                    problems.Add(new Problem($"lieu {lieuId} is not a lieu de réalisation of the establishment", $"{fiche.Id}.uo.lieuIds"));
        }
        var duplicates = fiches.Values
            .Where(f => f.Lieu?.IdExterneSynchro is not null)
            .GroupBy(f => f.Lieu!.IdExterneSynchro!, StringComparer.Ordinal)
            .Where(g => g.Count() > 1);
        foreach (var duplicate in duplicates)
            problems.Add(new Problem($"idExterneSynchro {duplicate.Key} is used by {string.Join(", ", duplicate.Select(f => f.Id).Order())}",
                $"{duplicate.Last().Id}.lieu.idExterneSynchro"));
        return problems;
    }

    /// <summary>Pôle under the EG; service under the EG or a pôle; UF under a service or a pôle; a UO under any of them; lieux under the EG.</summary>
    private static bool MayContain(FicheType parent, FicheType child) => (parent, child) switch
    {
        (FicheType.Pole, FicheType.Service or FicheType.UF or FicheType.UO) => true,
        (FicheType.Service, FicheType.UF or FicheType.UO) => true,
        (FicheType.UF, FicheType.UO) => true,
        _ => false,
    };
}
