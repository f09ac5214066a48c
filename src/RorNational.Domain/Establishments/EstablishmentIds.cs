namespace RorNational.Domain.Establishments;

/// <summary>
/// Stream keys, which are also the FHIR ids of the published Organizations: derived from
/// the FINESS number, so a repeated registration lands on the same stream.
/// </summary>
public static class EstablishmentIds
{
    private const string EJPrefix = "ej-";
    private const string EGPrefix = "eg-";

    public static string EJ(string finess) => EJPrefix + finess;
    public static string EG(string finess) => EGPrefix + finess;

    /// <summary>The FINESS number in an EG's id ("eg-010000024" gives "010000024"); null for any other id.</summary>
    public static string? FinessOfEG(string egId) =>
        egId.StartsWith(EGPrefix, StringComparison.Ordinal) ? egId[EGPrefix.Length..] : null;

    /// <summary>Whether a stream is an EJ's or an EG's (the others: FINESS imports, later capacity).</summary>
    public static bool IsEstablishmentStream(string streamKey) =>
        streamKey.StartsWith(EJPrefix, StringComparison.Ordinal) || streamKey.StartsWith(EGPrefix, StringComparison.Ordinal);

    /// <summary>FHIR id of a unit (OI, UO or lieu) of an EG: its FINESS number and the fiche id, unique within it.</summary>
    public static string Unit(string egFiness, string ficheId) => $"{egFiness}-{ficheId}";
}
