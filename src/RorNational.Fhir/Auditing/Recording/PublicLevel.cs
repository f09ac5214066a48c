using RorNational.Fhir.Access;

namespace RorNational.Fhir.Auditing.Recording;

/// <summary>
/// Whether an answer holds data above the public level: an element the caller's profile shows
/// (it does not hide the element's classes) and the public profile hides. Decided on the class
/// sets the publication stored with each resource (<see cref="Redaction.ClassSetsOf"/>), the
/// same classification the redaction applies, without parsing the resource. An element's class
/// set holds those of its parents, and a profile hiding a set hides every larger one, so an
/// element shown has its parents shown. For an older version redacted by what its data became
/// since (<see cref="ClassesSince"/>), this may say "above" for an element the redaction then
/// removed: the audit records one read too many, never one too few.
/// </summary>
public static class PublicLevel
{
    public static bool Exceeded(IEnumerable<DataClass> classSets, AccessProfile caller, AccessProfile publicProfile) =>
        !ReferenceEquals(caller, publicProfile) && classSets.Any(classes => publicProfile.Hides(classes) && !caller.Hides(classes));

    public static bool Exceeded(AuditedRead read, AccessProfile caller, AccessProfile publicProfile) =>
        read.CriteriaAbovePublic || read.Returned.Any(r => Exceeded(r.ClassSets, caller, publicProfile));
}
