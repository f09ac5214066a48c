using RorNational.ReferenceData;

namespace RorNational.Offer.Establishments;

/// <summary>The reference data's answer to the deciders' question "is this a commune?".</summary>
public static class TerritoryCommunes
{
    /// <summary>
    /// A current or former INSEE commune code that belongs to a région: the région whose
    /// validators then validate what is there. 99999 is not one.
    /// </summary>
    public static bool IsKnownCommune(this Territory territory, string cog) => territory.RegionOfCommune(cog) is not null;
}
