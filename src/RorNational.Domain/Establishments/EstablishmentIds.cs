namespace RorNational.Domain.Establishments;

/// <summary>
/// Stream keys, which are also the FHIR ids of the published Organizations: derived from
/// the FINESS number, so a repeated registration lands on the same stream.
/// </summary>
public static class EstablishmentIds
{
    public static string EJ(string finess) => "ej-" + finess;
    public static string EG(string finess) => "eg-" + finess;

    /// <summary>FHIR id of a unit (OI, UO or lieu) of an EG: its FINESS number and the fiche id, unique within it.</summary>
    public static string Unit(string egFiness, string ficheId) => $"{egFiness}-{ficheId}";
}
