using RorNational.Domain.Common;
using RorNational.Domain.Establishments.Structure;
using RorNational.Domain.Practitioners;

namespace RorNational.Domain.Tests.Practitioners;

public sealed class checking_roles
{
    private static readonly Terminology Codes = new(new Dictionary<string, IReadOnlySet<string>>
    {
        [PractitionerValueSets.ProfessionSante.ValueSet] = new HashSet<string> { "10", "70" },
        [PractitionerValueSets.ModeExercice.ValueSet] = new HashSet<string> { "S", "L" },
        [PractitionerValueSets.TypeSavoirFaire.ValueSet] = new HashSet<string> { "CM", "S" },
        [PractitionerValueSets.SpecialiteOrdinale.ValueSet] = new HashSet<string> { "SM54" },
        [PractitionerValueSets.CompetenceSpecifique.ValueSet] = new HashSet<string> { "01" },
        [DescriptionValueSets.CanalCommunication.ValueSet] = new HashSet<string> { "2" },
    });

    private static readonly PractitionerRoleDescription Kine = new()
    {
        Rpps = "10107654321", Profession = "70", ExerciseMode = "L", ExpertiseType = "CM",
        Hours = new OpeningHours(2, "01", new TimeOnly(14, 0), new TimeOnly(19, 0)),
        Telecom = new Telecom("2", "0474325568", Confidentiality.Public),
    };

    [Test]
    public void a_well_formed_role_passes()
    {
        Assert.That(PractitionerRoleChecks.Of([Kine], Codes), Is.Empty);
    }

    [Test]
    public void each_field_of_a_role_is_checked_against_its_value_set_and_named_by_its_path()
    {
        var bad = Kine with
        {
            Rpps = "123", Profession = "99", ExerciseMode = null, ExpertiseType = "Z", OrdinalSpecialty = "SM99",
            SpecificCompetences = ["77"], Hours = new OpeningHours(9, "01", null, null), Telecom = new Telecom("2", "", Confidentiality.Public),
        };

        var fields = PractitionerRoleChecks.Of([bad], Codes).Select(p => p.Field);

        Assert.That(fields, Is.EquivalentTo(new[]
        {
            "practitionerRoles[0].profession", "practitionerRoles[0].exerciseMode", "practitionerRoles[0].expertiseType",
            "practitionerRoles[0].ordinalSpecialty", "practitionerRoles[0].specificCompetences[0]", "practitionerRoles[0].rpps",
            "practitionerRoles[0].hours.day", "practitionerRoles[0].telecom.value",
        }));
    }

    [Test]
    public void a_professional_has_one_role_in_a_uo()
    {
        Assert.That(PractitionerRoleChecks.Of([Kine, Kine with { Profession = "10" }], Codes).Single().Field, Is.EqualTo("practitionerRoles"));
    }

    [Test]
    public void the_content_checks_of_a_uo_check_its_roles()
    {
        var content = new UOContent { AgeRange = new AgeRange(0, 120), PractitionerRoles = [Kine with { Profession = "99" }] };

        Assert.That(UOContentChecks.Of(content, Codes).Select(p => p.Field), Is.EqualTo(new[] { "practitionerRoles[0].profession" }));
    }

    [Test]
    public void a_role_of_an_unrecorded_professional_is_refused_naming_it()
    {
        var refusal = Assert.Throws<CommandRejected>(() =>
            PractitionerRoleChecks.RequireRecorded([Kine, Kine with { Rpps = "10101234567" }], new HashSet<string> { "10107654321" }, "uo.content."))!;

        Assert.That(refusal.Kind, Is.EqualTo(RejectionKind.BusinessRule));
        Assert.That(refusal.Problems.Single().Field, Is.EqualTo("uo.content.practitionerRoles[1].rpps"));
        Assert.DoesNotThrow(() => PractitionerRoleChecks.RequireRecorded([Kine], new HashSet<string> { "10107654321" }));
    }
}
