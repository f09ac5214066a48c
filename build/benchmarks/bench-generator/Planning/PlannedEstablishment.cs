using BenchGenerator.Catalogue;
using RorNational.ReferenceData;

namespace BenchGenerator.Planning;

/// <summary>An EJ of the plan: its FINESS number and département (the FINESS extract names it by number only).</summary>
public sealed record PlannedEJ(string Finess, string Departement);

/// <summary>An EG of the plan: its FINESS data (as its extract line gives them) and its description (UOs and their lieux).</summary>
public sealed record PlannedEG(
    string Finess, string EJFiness, EGKind Kind, string Name, Commune Commune, string HouseNumber, string StreetType,
    string StreetName, string Phone, IReadOnlyList<PlannedUO> UOs)
{
    public string Id => "eg-" + Finess;
    public IEnumerable<PlannedLieu> Lieux => UOs.Select(uo => uo.Lieu);
}

/// <summary>A UO, drafted as fiche <see cref="FicheId"/>, served in one lieu.</summary>
public sealed record PlannedUO(string FicheId, UOKind Kind, string Name, PlannedLieu Lieu);

/// <summary>
/// A lieu, drafted as fiche <see cref="FicheId"/>, with the idExterneSynchro its suppliers name it
/// by, its address (a commune of the EG's département) and position, and its capacity: the
/// count of each of its indicators (<see cref="CapacityIndicator.For"/> its nature, in order).
/// </summary>
public sealed record PlannedLieu(
    string FicheId, string IdExterneSynchro, string Name, string Function, Commune Commune, GeoPoint? Position,
    string Nature, IReadOnlyList<int> Capacity)
{
    public IReadOnlyList<CapacityIndicator> Indicators => CapacityIndicator.For(Nature).Take(Capacity.Count).ToList();
}
