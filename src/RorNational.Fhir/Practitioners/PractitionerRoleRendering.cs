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
        resource.Extension.Add(new Extension(P.UnitExerciseMode, RorDatatypes.Coded(P.ModeExercice, role.ExerciseMode!)));
        resource.Extension.Add(RorDatatypes.CreationDate(publication.FirstPublished.GetValueOrDefault($"PractitionerRole/{resource.Id}", publication.Now)));
        return resource;
    }

    private static IEnumerable<CodeableConcept> Specialties(PractitionerRoleDescription role)
    {
        yield return RorDatatypes.Coded(P.TypeSavoirFaire, role.ExpertiseType!);
        if (role.OrdinalSpecialty is { } specialty) yield return RorDatatypes.Coded(P.SpecialiteOrdinale, specialty);
        foreach (var competence in role.SpecificCompetences) yield return RorDatatypes.Coded(T.CompetenceSpecifique, competence);
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
