using RorNational.Domain.Establishments;

namespace RorNational.Fhir.Publishing;

/// <summary>
/// The ambulatory lieux: those of the ville offer only (champ d'activité 05, TRE_R227;
/// <see cref="LieuxOfOneField"/>), a maison de santé's consulting rooms. The access policy shows
/// a lieu's telecoms to the public (P0) for ambulatory lieux only, so the Location of such a
/// lieu says so in its metadata (<see cref="Ror.RorDatatypes.VilleField"/>) and its content is
/// classified in that field.
/// </summary>
public static class VilleLieux
{
    public const string VilleField = "05";

    public static IReadOnlySet<string> Of(EG eg) => LieuxOfOneField.Of(eg, VilleField);
}
