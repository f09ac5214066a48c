using Hl7.Fhir.Model;
using RorNational.Domain.Establishments.Structure;
using E = RorNational.Fhir.Ror.RorCanonical.Extensions;
using T = RorNational.Fhir.Ror.RorCanonical.Terminologies;

namespace RorNational.Fhir.Ror;

/// <summary>
/// What the guide adds to an availableTime slot (of a HealthcareService or a PractitionerRole):
/// the type of hours (TRE_R252), the day's number (1 Monday .. 7 Sunday) and the period the hours hold in.
/// </summary>
public static class RorHours
{
    public static IEnumerable<Extension> Extensions(OpeningHours hours)
    {
        yield return new Extension(E.TypeOfTime, RorDatatypes.Coded(T.TypeHoraire, hours.Type));
        yield return new Extension(E.DayOfWeekNumber, new Integer(hours.Day));
        if (hours.EffectiveFrom is not null || hours.EffectiveTo is not null)
            yield return new Extension(E.EffectivePeriod, new Period(
                hours.EffectiveFrom is { } from ? new FhirDateTime(from.ToString("yyyy-MM-dd")) : null,
                hours.EffectiveTo is { } to ? new FhirDateTime(to.ToString("yyyy-MM-dd")) : null));
    }
}
