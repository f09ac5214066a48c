using RorNational.Domain.Establishments;

namespace RorNational.Fhir.Publishing;

/// <summary>
/// The lieux in the medico-social field (champ d'activité 04, TRE_R227; <see cref="LieuxOfOneField"/>).
/// The access policy lets medico-social professionals (P3) see the capacity of that field only,
/// so the Location of such a lieu (an EHPAD's places) says so in its metadata
/// (<see cref="Ror.RorDatatypes.MedicoSocialField"/>) and its content is classified in that field.
/// </summary>
public static class MedicoSocialLieux
{
    public const string MedicoSocialField = "04";

    public static IReadOnlySet<string> Of(EG eg) => LieuxOfOneField.Of(eg, MedicoSocialField);
}
