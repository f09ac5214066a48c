namespace RorNational.ReferenceData;

/// <summary>
/// A commune, or a municipal arrondissement of Paris, Lyon or Marseille
/// (<see cref="ParentCog"/> is then the commune: 75056, 69123 or 13055).
/// </summary>
/// <param name="Cog">The INSEE code (Code officiel géographique): "01053", "2A004", "97120", "75101".</param>
/// <param name="Name">The official name, with its article and diacritics: "Bourg-en-Bresse".</param>
/// <param name="DepartementCode">"01", "2A", "971"; "975" etc. for the overseas collectivities.</param>
/// <param name="RegionCode">The INSEE région code, also the TRE_R30-RegionOM code.</param>
/// <param name="PostalCodes">The postal codes serving it (La Poste), empty for the TAAF districts.</param>
/// <param name="Centroid">Its centre in WGS84, or null where the source has none (see README).</param>
/// <param name="ParentCog">For a municipal arrondissement, the COG of its commune; null for a commune.</param>
/// <remarks>
/// Instances come from <see cref="Territory"/> and are shared: compare communes by <see cref="Cog"/>
/// (record equality compares <see cref="PostalCodes"/> by reference).
/// </remarks>
public sealed record Commune(
    string Cog,
    string Name,
    string DepartementCode,
    string RegionCode,
    IReadOnlyList<string> PostalCodes,
    GeoPoint? Centroid,
    string? ParentCog = null)
{
    /// <summary>True for the 45 arrondissements of Paris (751xx), Lyon (6938x) and Marseille (132xx).</summary>
    public bool IsMunicipalArrondissement => ParentCog is not null;
}
