using RorNational.Domain.Common;
using RorNational.Domain.Establishments.Structure;

namespace RorNational.Domain.Practitioners;

/// <summary>
/// The bounds of a UO's professionals' roles, every path (draft, finalization, direct edit):
/// RPPS shape, codes in their value sets, one role per professional. Whether each professional
/// is recorded is checked when the roles are about to be published (<see cref="RequireRecorded"/>).
/// </summary>
public static class PractitionerRoleChecks
{
    public const string Field = "practitionerRoles";

    public static IReadOnlyList<Problem> Of(IReadOnlyList<PractitionerRoleDescription>? roles, Terminology terminology)
    {
        var checks = new FieldChecks().Each(roles, Field, role => RoleProblems(role, terminology));
        if (roles is not null && roles.Where(r => r?.Rpps is not null).GroupBy(r => r.Rpps).Any(g => g.Count() > 1))
            checks.Wrong(Field, "must hold one role per professional (RPPS number)");
        return checks.Problems;
    }

    /// <summary>422 naming each role whose professional is not recorded (PUT /api/practitioners/{rpps} first).</summary>
    public static void RequireRecorded(IReadOnlyList<PractitionerRoleDescription> roles, IReadOnlySet<string> recorded, string prefix = "")
    {
        var unknown = roles.Select((role, i) => (role, i)).Where(r => r.role.Rpps is { } rpps && !recorded.Contains(rpps))
            .Select(r => new Problem($"professional {r.role.Rpps} is not recorded: record them first (PUT /api/practitioners/{r.role.Rpps})",
                $"{prefix}{Field}[{r.i}].rpps"))
            .ToList();
        if (unknown.Count > 0) throw new CommandRejected(RejectionKind.BusinessRule, unknown);
    }

    private static IReadOnlyList<Problem> RoleProblems(PractitionerRoleDescription role, Terminology terminology)
    {
        var checks = new FieldChecks()
            .RequiredCode(role.Profession, "profession", PractitionerValueSets.ProfessionSante, terminology)
            .RequiredCode(role.ExerciseMode, "exerciseMode", PractitionerValueSets.ModeExercice, terminology)
            .RequiredCode(role.ExpertiseType, "expertiseType", PractitionerValueSets.TypeSavoirFaire, terminology)
            .Code(role.OrdinalSpecialty, "ordinalSpecialty", PractitionerValueSets.SpecialiteOrdinale, terminology)
            .Each(role.SpecificCompetences, "specificCompetences",
                code => UOContentChecks.CodeProblems(code, PractitionerValueSets.CompetenceSpecifique, terminology));
        if (role.Rpps is null) checks.Missing("rpps");
        else if (!PractitionerIds.IsRpps(role.Rpps)) checks.Wrong("rpps", PractitionerIds.RppsExpectation);
        if (role.Hours is { } hours) checks.Nested("hours", UOContentChecks.HoursProblems(hours, terminology));
        if (role.Telecom is { } telecom) checks.Nested("telecom", UOContentChecks.TelecomProblems(telecom, terminology));
        return checks.Problems;
    }
}
