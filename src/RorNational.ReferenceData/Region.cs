namespace RorNational.ReferenceData;

/// <summary>
/// Which part of France a région or département belongs to, as INSEE's Code officiel
/// géographique (COG) classifies it.
/// </summary>
public enum TerritoryZone
{
    /// <summary>Metropolitan France, Corsica included.</summary>
    Metropole,

    /// <summary>The five overseas départements and régions (DROM): Guadeloupe, Martinique, Guyane, La Réunion, Mayotte.</summary>
    OverseasDepartement,

    /// <summary>
    /// The overseas collectivities and territories that the COG codes like départements and
    /// régions: 975 Saint-Pierre-et-Miquelon, 977 Saint-Barthélemy, 978 Saint-Martin, 984 TAAF,
    /// 986 Wallis-et-Futuna, 987 Polynésie française, 988 Nouvelle-Calédonie, 989 Clipperton.
    /// </summary>
    OverseasCollectivity,
}

/// <summary>
/// A région. <see cref="Code"/> is the INSEE code, which is also the code of the national
/// terminology TRE_R30-RegionOM (system <see cref="Territory.RegionCodeSystem"/>).
/// </summary>
public sealed record Region(string Code, string Name, TerritoryZone Zone);

/// <summary>A département, or an overseas collectivity coded like one (975, 977, 978, 984, 986-989).</summary>
public sealed record Departement(string Code, string Name, string RegionCode, TerritoryZone Zone);
