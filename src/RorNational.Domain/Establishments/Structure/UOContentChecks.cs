using RorNational.Domain.Common;

namespace RorNational.Domain.Establishments.Structure;

/// <summary>
/// The bounds of a UO's content, however it is written: drafted in a dossier, finalized, or
/// edited directly. Each problem is named by its JSON path in the content. Completeness (what
/// must be there) is the caller's: a draft may still lack its age range, a direct edit may not.
/// </summary>
public static class UOContentChecks
{
    public const int MaxTelecomValueLength = 256;
    public const int MaxAge = 150;

    public static IReadOnlyList<Problem> Of(UOContent content)
    {
        var checks = new FieldChecks()
            .Each(content.PublicPrisEnCharge, "publicPrisEnCharge", code => CodeProblems(code, "TRE_R239"))
            .Each(content.PsychiatricSectors, "psychiatricSectors", sector => new FieldChecks().Required(sector, "", 20).Problems.Select(Unnamed).ToList())
            .Each(content.InterventionZones, "interventionZones", ZoneProblems)
            .Each(content.OpeningHours, "openingHours", HoursProblems)
            .Each(content.Contacts, "contacts", ContactProblems);
        if (content.AgeRange is { } ages && (ages.Low < 0 || ages.High < ages.Low || ages.High > MaxAge))
            checks.Wrong("ageRange", $"must have 0 <= low <= high <= {MaxAge} (years)");
        if (content.Closing is { } closing)
        {
            checks.Date(closing.ClosedFrom, "closing.closedFrom").Date(closing.ReopeningOn, "closing.reopeningOn");
            if (closing.ReopeningOn is { } reopening && reopening < closing.ClosedFrom)
                checks.Wrong("closing.reopeningOn", "must not be before closedFrom");
        }
        return checks.Problems;
    }

    private static IReadOnlyList<Problem> HoursProblems(OpeningHours hours)
    {
        var checks = new FieldChecks().RequiredCode(hours.Type, "type", "TRE_R252")
            .Date(hours.EffectiveFrom, "effectiveFrom").Date(hours.EffectiveTo, "effectiveTo");
        if (hours.Day is < 1 or > 7) checks.Wrong("day", "must be 1 (Monday) to 7 (Sunday)");
        if (hours.Opens is { } opens && hours.Closes is { } closes && closes <= opens) checks.Wrong("closes", "must be after opens");
        if (hours.EffectiveFrom is { } from && hours.EffectiveTo is { } to && to < from) checks.Wrong("effectiveTo", "must not be before effectiveFrom");
        return checks.Problems;
    }

    private static IReadOnlyList<Problem> ContactProblems(Contact contact)
    {
        var checks = new FieldChecks()
            .Optional(contact.Name, "name")
            .Optional(contact.Function, "function")
            .RequiredCode(contact.Purpose, "purpose", "TRE_R287")
            .Each(contact.Telecoms, "telecoms", TelecomProblems);
        if (!Enum.IsDefined(contact.Confidentiality)) checks.Wrong("confidentiality", "must be 1, 2 or 3 (TRE_R283)");
        return checks.Problems;
    }

    private static IReadOnlyList<Problem> TelecomProblems(Telecom telecom)
    {
        var checks = new FieldChecks()
            .RequiredCode(telecom.Channel, "channel", "TRE_R200")
            .Required(telecom.Value, "value", MaxTelecomValueLength);
        if (!Enum.IsDefined(telecom.Confidentiality)) checks.Wrong("confidentiality", "must be 1, 2 or 3 (TRE_R283)");
        return checks.Problems;
    }

    private static IReadOnlyList<Problem> ZoneProblems(InterventionZone zone) => new FieldChecks()
        .RequiredCode(zone.Type, "type", "TRE_R201")
        .Required(zone.Code, "code", 20)
        .Problems;

    /// <summary>A code item of a list: required and of a code's shape, the problem named by the item itself.</summary>
    public static IReadOnlyList<Problem> CodeProblems(string code, string table) =>
        new FieldChecks().RequiredCode(code, "", table).Problems.Select(Unnamed).ToList();

    private static Problem Unnamed(Problem problem) => problem with { Field = null };
}
