using System.Text.RegularExpressions;

namespace RorNational.Domain.Practitioners;

/// <summary>
/// A professional's RPPS number (the national id of health professionals, idNat_PS) and the key
/// of the professional's stream, which is also the FHIR id of the published Practitioner:
/// "practitioner-" and the RPPS number. One RPPS, one stream, one Practitioner nationwide.
/// </summary>
public static partial class PractitionerIds
{
    private const string Prefix = "practitioner-";

    /// <summary>
    /// 11 digits. The guide defines no check key of its own, and its own examples (11111573474,
    /// 11102379616) fail a Luhn check: only the shape is checked.
    /// </summary>
    [GeneratedRegex("^[0-9]{11}$")]
    private static partial Regex Rpps();

    public static bool IsRpps(string? value) => value is not null && Rpps().IsMatch(value);

    public static string Of(string rpps) => Prefix + rpps;

    public static bool IsPractitionerStream(string streamKey) => streamKey.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The RPPS number of a practitioner's stream ("practitioner-10003022231" gives "10003022231"); null for another stream.</summary>
    public static string? RppsOf(string streamKey) => IsPractitionerStream(streamKey) ? streamKey[Prefix.Length..] : null;

    public const string RppsExpectation = "must be an RPPS number: 11 digits";
}
