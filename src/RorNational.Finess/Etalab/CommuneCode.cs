namespace RorNational.Finess.Etalab;

/// <summary>
/// Builds the INSEE commune code (COG, 5 characters) from FINESS's département and commune
/// fields. In metropolitan France it is the département then the 3-digit commune
/// (01 + 451 = 01451, Corsica 2A + 004 = 2A004). Overseas, FINESS codes the département with
/// a letter (9A Guadeloupe, 9B Martinique, 9C Guyane, 9D La Réunion, 9E Saint-Pierre-et-
/// Miquelon, 9F Mayotte, 9J Wallis-et-Futuna) and the commune with the last three digits of
/// its COG, the first being the département's third digit: 9A + 101 is 97101 (Les Abymes),
/// 9D + 411 is 97411 (Saint-Denis), 9J + 613 is 98613 (Uvea).
/// </summary>
internal static class CommuneCode
{
    private static readonly Dictionary<string, string> OverseasDepartments = new(StringComparer.OrdinalIgnoreCase)
    {
        ["9A"] = "971", ["9B"] = "972", ["9C"] = "973", ["9D"] = "974",
        ["9E"] = "975", ["9F"] = "976", ["9J"] = "986",
    };

    // Saint-Barthélemy and Saint-Martin left Guadeloupe in 2007 and got COG codes of their
    // own, but FINESS still files them under 9A with their former Guadeloupe numbers.
    private static readonly Dictionary<string, string> Renumbered = new()
    {
        ["97123"] = "97701",
        ["97127"] = "97801",
    };

    /// <summary>The COG, or null when the two fields do not make one.</summary>
    public static string? FromFiness(string? departement, string? commune)
    {
        if (departement is null || commune is null || commune.Length != 3 || !commune.All(char.IsAsciiDigit))
            return null;
        if (OverseasDepartments.TryGetValue(departement, out var overseas))
        {
            if (commune[0] != overseas[2]) return null;
            var cog = overseas[..2] + commune;
            return Renumbered.GetValueOrDefault(cog, cog);
        }
        var metropolitan = departement.ToUpperInvariant() switch
        {
            "2A" or "2B" => true,
            { Length: 2 } d when d.All(char.IsAsciiDigit) => d is not ("00" or "20") && string.CompareOrdinal(d, "95") <= 0,
            _ => false,
        };
        return metropolitan ? departement.ToUpperInvariant() + commune : null;
    }
}
