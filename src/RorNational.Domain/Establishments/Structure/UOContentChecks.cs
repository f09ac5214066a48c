using RorNational.Domain.Common;
using RorNational.Domain.Practitioners;

namespace RorNational.Domain.Establishments.Structure;

/// <summary>
/// The bounds of a UO's content, however it is written: drafted in a dossier, finalized, or
/// edited directly: bounds, lengths, and codes in the value sets the FHIR rendering binds them
/// to (<see cref="DescriptionValueSets"/>). Each problem is named by its JSON path in the content. Completeness (what
/// must be there) is the caller's: a draft may still lack its age range, a direct edit may not.
/// </summary>
public static class UOContentChecks
{
    public const int MaxTelecomValueLength = 256;
    public const int MaxAge = 150;

    public static IReadOnlyList<Problem> Of(UOContent content, Terminology terminology)
    {
        var checks = new FieldChecks()
            .Each(content.PublicPrisEnCharge, "publicPrisEnCharge", code => CodeProblems(code, DescriptionValueSets.PublicPrisEnCharge, terminology))
            .Each(content.PsychiatricSectors, "psychiatricSectors", sector => new FieldChecks().Required(sector, "", 20).Problems.Select(Unnamed).ToList())
            .Each(content.InterventionZones, "interventionZones", zone => ZoneProblems(zone, terminology))
            .Each(content.OpeningHours, "openingHours", hours => HoursProblems(hours, terminology))
            .Each(content.Contacts, "contacts", contact => ContactProblems(contact, terminology));
        foreach (var problem in UOCharacteristicChecks.OfContent(content, terminology)) checks.Add(problem);
        if (content.AgeRange is { } ages && (ages.Low < 0 || ages.High < ages.Low || ages.High > MaxAge))
            checks.Wrong("ageRange", $"must have 0 <= low <= high <= {MaxAge} (years)");
        foreach (var problem in PractitionerRoleChecks.Of(content.PractitionerRoles, terminology)) checks.Add(problem);
        if (content.Closing is { } closing)
        {
            checks.Date(closing.ClosedFrom, "closing.closedFrom").Date(closing.ReopeningOn, "closing.reopeningOn");
            if (closing.ReopeningOn is { } reopening && reopening < closing.ClosedFrom)
                checks.Wrong("closing.reopeningOn", "must not be before closedFrom");
        }
        return checks.Problems;
    }

    public static IReadOnlyList<Problem> HoursProblems(OpeningHours hours, Terminology terminology)
    {
        var checks = new FieldChecks().RequiredCode(hours.Type, "type", DescriptionValueSets.TypeHoraire, terminology)
            .Date(hours.EffectiveFrom, "effectiveFrom").Date(hours.EffectiveTo, "effectiveTo");
        if (hours.Day is < 1 or > 7) checks.Wrong("day", "must be 1 (Monday) to 7 (Sunday)");
        if (hours.Opens is { } opens && hours.Closes is { } closes && closes <= opens) checks.Wrong("closes", "must be after opens");
        if (hours.EffectiveFrom is { } from && hours.EffectiveTo is { } to && to < from) checks.Wrong("effectiveTo", "must not be before effectiveFrom");
        return checks.Problems;
    }

    private static IReadOnlyList<Problem> ContactProblems(Contact contact, Terminology terminology)
    {
        var checks = new FieldChecks()
            .Optional(contact.Name, "name")
            .Optional(contact.Function, "function")
            .RequiredCode(contact.Purpose, "purpose", DescriptionValueSets.NatureContact, terminology)
            .Each(contact.Telecoms, "telecoms", telecom => TelecomProblems(telecom, terminology));
        if (!Enum.IsDefined(contact.Confidentiality)) checks.Wrong("confidentiality", "must be 1, 2 or 3 (TRE_R283)");
        return checks.Problems;
    }

    public static IReadOnlyList<Problem> TelecomProblems(Telecom telecom, Terminology terminology)
    {
        var checks = new FieldChecks()
            .RequiredCode(telecom.Channel, "channel", DescriptionValueSets.CanalCommunication, terminology)
            .Required(telecom.Value, "value", MaxTelecomValueLength);
        if (!Enum.IsDefined(telecom.Confidentiality)) checks.Wrong("confidentiality", "must be 1, 2 or 3 (TRE_R283)");
        return checks.Problems;
    }

    private static IReadOnlyList<Problem> ZoneProblems(InterventionZone zone, Terminology terminology) => new FieldChecks()
        .RequiredCode(zone.Type, "type", DescriptionValueSets.TypeDivisionTerritoriale, terminology)
        .Required(zone.Code, "code", 20)
        .Problems;

    /// <summary>A code item of a list: required and in its value set, the problem named by the item itself.</summary>
    public static IReadOnlyList<Problem> CodeProblems(string code, ValueSetBinding binding, Terminology terminology) =>
        new FieldChecks().RequiredCode(code, "", binding, terminology).Problems.Select(Unnamed).ToList();

    private static Problem Unnamed(Problem problem) => problem with { Field = null };
}
