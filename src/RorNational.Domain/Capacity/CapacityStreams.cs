using RorNational.Domain.Establishments;

namespace RorNational.Domain.Capacity;

/// <summary>
/// The key of a lieu's capacity stream: "capacity-" and the unit id of the lieu
/// (<see cref="EstablishmentIds.Unit"/>: FINESS of its EG, "-", the lieu's fiche id).
/// </summary>
public static class CapacityStreams
{
    private const string Prefix = "capacity-";

    public static string Of(string egFiness, string lieuFicheId) => Prefix + EstablishmentIds.Unit(egFiness, lieuFicheId);

    public static bool IsCapacityStream(string streamKey) => streamKey.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The unit id of the lieu ("capacity-010000024-lieu-rea" gives "010000024-lieu-rea"); null for another stream.</summary>
    public static string? UnitOf(string streamKey) => IsCapacityStream(streamKey) ? streamKey[Prefix.Length..] : null;

    /// <summary>The FINESS of the EG whose lieu the stream is ("capacity-010000024-lieu-rea" gives "010000024").</summary>
    public static string? FinessOf(string streamKey)
    {
        if (!IsCapacityStream(streamKey)) return null;
        var unit = streamKey[Prefix.Length..];
        var dash = unit.IndexOf('-');
        return dash > 0 ? unit[..dash] : null;
    }
}
