using BenchGenerator.Catalogue;
using RorNational.ReferenceData;

namespace BenchGenerator.Planning;

/// <summary>
/// The repository to build, drawn from one seeded <see cref="Random"/> in a fixed order: the
/// same seed and scale give the same plan (FINESS numbers, names, addresses, UOs, lieux,
/// capacity counts), whatever the concurrency of the stages that write it. EGs are spread over
/// the 101 départements (metropolitan France, Corsica and the five DROM: every one of the 18
/// régions) in proportion to the postal codes each counts (a proxy for its population: Paris
/// and the Nord get many, the Lozère few), each in a commune of its département.
/// </summary>
public sealed class NationalPlan
{
    public required int Seed { get; init; }
    public required double Scale { get; init; }
    public required IReadOnlyList<PlannedEJ> EJs { get; init; }
    public required IReadOnlyList<PlannedEG> EGs { get; init; }

    public int UOCount => EGs.Sum(eg => eg.UOs.Count);
    public int LieuCount => UOCount;
    public int IndicatorCount => EGs.Sum(eg => eg.Lieux.Sum(l => l.Capacity.Count));

    public static IReadOnlyList<Departement> Departements { get; } = Territory.Default.Departements
        .Where(d => d.Zone != TerritoryZone.OverseasCollectivity).OrderBy(d => d.Code, StringComparer.Ordinal).ToList();

    private static readonly ILookup<string, Commune> CommunesByDepartement = Territory.Default.Communes
        .Where(c => !c.IsMunicipalArrondissement && c.PostalCodes.Count > 0)
        .OrderBy(c => c.Cog, StringComparer.Ordinal)
        .ToLookup(c => c.DepartementCode);

    public static NationalPlan Build(int seed, double scale)
    {
        if (!(scale > 0)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "the scale must be positive");
        var random = new Random(seed);
        var egTotal = ScaleCounts.EGs(scale);
        var ejTotal = Math.Min(ScaleCounts.EJs(scale), egTotal);
        var weights = Departements.Select(d => (double)CommunesByDepartement[d.Code].SelectMany(c => c.PostalCodes).Distinct().Count()).ToArray();
        var perDepartement = new int[Departements.Count];
        for (var i = 0; i < egTotal; i++) perDepartement[Draw.Weighted(random, weights)]++;

        var ejs = new List<PlannedEJ>();
        var egs = new List<PlannedEG>();
        var establishments = new EstablishmentDrafter(random);
        for (var d = 0; d < Departements.Count; d++)
        {
            if (perDepartement[d] == 0) continue;
            var departement = Departements[d];
            var communes = CommunesByDepartement[departement.Code].ToList();
            var ejCount = Math.Clamp((int)Math.Round((double)perDepartement[d] * ejTotal / egTotal), 1, perDepartement[d]);
            var departementEJs = Enumerable.Range(1, ejCount).Select(n => new PlannedEJ(FinessNumbers.Of(departement.Code, FinessNumbers.EJ, n), departement.Code)).ToList();
            ejs.AddRange(departementEJs);
            for (var e = 0; e < perDepartement[d]; e++)
            {
                var ej = e < ejCount ? departementEJs[e] : departementEJs[random.Next(ejCount)];
                egs.Add(establishments.Draft(FinessNumbers.Of(departement.Code, FinessNumbers.EG, e + 1), ej.Finess, communes));
            }
        }
        return new NationalPlan { Seed = seed, Scale = scale, EJs = ejs, EGs = egs };
    }
}
