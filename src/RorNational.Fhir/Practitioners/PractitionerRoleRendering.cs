using Hl7.Fhir.Model;
using RorNational.Domain.Establishments.Structure;
using RorNational.Domain.Practitioners;
using RorNational.Fhir.Locations;
using RorNational.Fhir.Publishing;
using RorNational.Fhir.Ror;
using E = RorNational.Fhir.Ror.RorCanonical.Extensions;
using P = RorNational.Fhir.Ror.RorCanonical.Practitioners;
using T = RorNational.Fhir.Ror.RorCanonical.Terminologies;

namespace RorNational.Fhir.Practitioners;

/// <summary>
/// Renders a professional's role in a UO as a ror-practitionerrole: the Practitioner of its
/// RPPS number, the UO's HealthcareService, the profession (TRE_G15), the know-how slices
/// (TRE_R04 type, TRE_R38 ordinal specialty, TRE_R243 specific competences), the exercise mode
/// (TRE_R23), its hours and telecom. A role in a sensitive UO carries the security label "R",
/// which classifies its content as a sensitive unit's (Access/ElementClassification).
/// </summary>
public static class PractitionerRoleRendering
{
    public static PractitionerRole Render(Fiche uo, PractitionerRoleDescription role, Publication publication)
    {
        var key = PractitionerRoleKeys.Of(uo.Id, role.Rpps!);
        var resource = new PractitionerRole
        {
            Id = publication.IdOf(key),
            Meta = publication.Meta(P.PractitionerRoleProfile),
            Identifier = [new Identifier(RorCanonical.EditorUnitIdSystem, $"{publication.EditorIdOf(uo.Id)}-{role.Rpps}")],
            Active = !publication.EG.Closed,
            Practitioner = new ResourceReference("Practitioner/" + PractitionerIds.Of(role.Rpps!)),
            HealthcareService = [new ResourceReference("HealthcareService/" + publication.IdOf(uo.Id))],
            Code = [RorDatatypes.Coded(P.ProfessionSante, role.Profession!)],
            Specialty = [.. Specialties(role)],
            AvailableTime = role.Hours is { } hours ? [AvailableTime(hours)] : [],
            Telecom = role.Telecom is { } telecom ? [LocationContentRendering.Telecom(telecom)] : [],
        };
        if (uo.UO!.Content.SensitiveUnit) resource.Meta.Security.Add(RorDatatypes.SensitiveUnitsOnly());
        // Its UO's field: the access policy shows a role's content by it (Access/ElementClassification).
        if (uo.UO.ChampActivite is { } field) resource.Meta.Tag.Add(RorDatatypes.Field(field));
        // In the profile's order of extensions.
        resource.Extension.Add(new Extension(P.UnitExerciseMode, RorDatatypes.Coded(P.ModeExercice, role.ExerciseMode!)));
        if (role.ExerciseName is { } name) resource.Extension.Add(NameExtension(name));
        if (role.Contracted is { } contracted) resource.Extension.Add(new Extension(P.Contracted, RorDatatypes.Coded(P.SecteurConventionnement, contracted)));
        if (role.OptionCas is { } optionCas) resource.Extension.Add(new Extension(P.HasCas, new FhirBoolean(optionCas)));
        if (role.VitaleAccepted is { } vitale) resource.Extension.Add(new Extension(P.VitaleAccepted, new FhirBoolean(vitale)));
        resource.Extension.Add(RorDatatypes.CreationDate(publication.FirstPublished.GetValueOrDefault($"PractitionerRole/{resource.Id}", publication.Now)));
        if (role.Comment is { } comment) resource.Extension.Add(new Extension(P.MetaComment, new FhirString(comment)));
        return resource;
    }

    /// <summary>The know-how slices, in the profile's order: type, ordinal specialty, the other savoir-faire, specific competences.</summary>
    private static IEnumerable<CodeableConcept> Specialties(PractitionerRoleDescription role)
    {
        yield return RorDatatypes.Coded(P.TypeSavoirFaire, role.ExpertiseType!);
        if (role.OrdinalSpecialty is { } specialty) yield return RorDatatypes.Coded(P.SpecialiteOrdinale, specialty);
        if (role.KnowHow is { } knowHow)
            foreach (var (system, code) in KnowHowCodes(knowHow))
                if (code is not null) yield return RorDatatypes.Coded(system, code);
        foreach (var competence in role.SpecificCompetences) yield return RorDatatypes.Coded(T.CompetenceSpecifique, competence);
    }

    private static (string System, string? Code)[] KnowHowCodes(KnowHow knowHow) =>
    [
        (P.Competence, knowHow.Competence),
        (P.CompetenceExclusive, knowHow.ExclusiveCompetence),
        (P.OrientationParticuliere, knowHow.SpecificOrientation),
        (P.CapaciteSavoirFaire, knowHow.ExpertiseCapacity),
        (P.QualificationPac, knowHow.QualificationPac),
        (P.DescNonQualifiant, knowHow.NonQualifyingDesc),
        (P.DroitExerciceCompl, knowHow.SupplementaryExerciseRight),
    ];

    /// <summary>ror-practitionerrole-name: exerciseTitle (TRE_R11), exerciseLastName, exerciseFirstName.</summary>
    private static Extension NameExtension(ExerciseName name)
    {
        var extension = new Extension { Url = P.RoleName };
        if (name.Title is { } title) extension.Extension.Add(new Extension("exerciseTitle", RorDatatypes.Coded(P.CiviliteExercice, title)));
        extension.Extension.Add(new Extension("exerciseLastName", new FhirString(name.LastName)));
        if (name.FirstName is { } first) extension.Extension.Add(new Extension("exerciseFirstName", new FhirString(first)));
        return extension;
    }

    private static PractitionerRole.AvailableTimeComponent AvailableTime(OpeningHours hours)
    {
        var slot = new PractitionerRole.AvailableTimeComponent
        {
            DaysOfWeek = [(DaysOfWeek)(hours.Day - 1)],
            AllDay = hours.Opens is null && hours.Closes is null ? true : null,
            AvailableStartTime = hours.Opens?.ToString("HH:mm:ss"),
            AvailableEndTime = hours.Closes?.ToString("HH:mm:ss"),
        };
        slot.Extension.AddRange(RorHours.Extensions(hours));
        return slot;
    }
}
