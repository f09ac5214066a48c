using Hl7.Fhir.Model;
using RorNational.Domain.Establishments.Structure;
using RorNational.Fhir.Locations;
using RorNational.Fhir.Ror;
using E = RorNational.Fhir.Ror.RorCanonical.Extensions;
using T = RorNational.Fhir.Ror.RorCanonical.Terminologies;

namespace RorNational.Fhir.HealthcareServices;

/// <summary>
/// A UO's characteristics, activities and MSS mailboxes where ror-healthcareservice puts them:
/// one <c>characteristic</c> per code, its slice told by its code system (and, for the two act
/// slices sharing TRE_R210, by the ror-act-type extension); the activity family as a second
/// <c>specialty</c>; the mailboxes as <c>telecom</c>, each with its channel and confidentiality.
/// </summary>
public static class UOCharacteristicRendering
{
    public const string SpecificAct = "specificAct";
    public const string OutsideOfficeAct = "outsideOfficeAct";

    /// <summary>Every characteristic slice, the care mode first, in the profile's order.</summary>
    public static List<CodeableConcept> Characteristics(UODescription uo)
    {
        var content = uo.Content;
        var characteristics = new List<CodeableConcept>();
        void Add(string system, params IEnumerable<string?> codes) =>
            characteristics.AddRange(codes.OfType<string>().Select(code => RorDatatypes.Coded(system, code)));
        Add(T.ModePriseEnCharge, uo.ModePriseEnCharge);
        Add(T.TemporaliteAccueil, uo.ReceptionType);
        Add(T.ModaliteAccueil, content.ReceptionModalities);
        Add(T.ModeGestion, content.ManagementTypes);
        characteristics.AddRange(uo.SpecificActs.Select(code => Act(code, SpecificAct)));
        characteristics.AddRange(uo.OutsideOfficeActs.Select(code => Act(code, OutsideOfficeAct)));
        Add(T.SpecialisationPriseEnCharge, content.TakingCareSpecialities);
        Add(T.OuvertureAnnuelle, content.AnnualOpening);
        characteristics.AddRange(content.ResourceProfessions.Select(Coded));
        Add(T.CompetenceSpecifique, content.SpecificCompetences);
        characteristics.AddRange(uo.ExpertiseLevels.Select(Coded));
        Add(T.TypeFermeture, content.ServiceStopTemporality);
        return characteristics;
    }

    /// <summary>The operational activities, then the activity family when there is one.</summary>
    public static List<CodeableConcept> Specialties(UODescription uo) =>
    [
        .. uo.ActivitesOperationnelles.Select(code => RorDatatypes.Coded(T.ActiviteOperationnelle, code)),
        .. uo.OperationalActivityFamily is { } family ? [Coded(family)] : Array.Empty<CodeableConcept>(),
    ];

    public static List<ContactPoint> MssMailboxes(UOContent content) => [.. content.MssMailboxes.Select(LocationContentRendering.Telecom)];

    /// <summary>The no-consent habilitation, when the UO says it.</summary>
    public static IEnumerable<Extension> Extensions(UODescription uo) => uo.NoConsentHabilitation is { } habilitation
        ? [new Extension(E.NoConsentHabilitation, new FhirBoolean(habilitation))]
        : [];

    private static CodeableConcept Act(string code, string actType)
    {
        var act = RorDatatypes.Coded(T.ActeSpecifique, code);
        act.Extension.Add(new Extension(E.ActType, new Code(actType)));
        return act;
    }

    private static CodeableConcept Coded(NosCode code) => RorDatatypes.Coded(T.ByTable[code.Table], code.Code);
}
