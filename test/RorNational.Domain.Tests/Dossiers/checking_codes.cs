using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Domain.Establishments.Editing;
using RorNational.Domain.Establishments.Structure;
using static RorNational.Domain.Tests.Dossiers.SampleFiches;

namespace RorNational.Domain.Tests.Dossiers;

/// <summary>
/// Every coded field of a description is checked against the value set the FHIR rendering
/// binds it to, on every path: drafted, finalized, edited directly.
/// </summary>
public sealed class checking_codes
{
    private static EG OpenDossier()
    {
        var eg = RegisteredEG();
        return eg.Apply(DossierDecisions.Open(eg, "d1", Editor, Now));
    }

    private static UOContent Content => UO.UO!.Content;

    private static Fiche WithContent(UOContent content) => UO with { UO = UO.UO! with { Content = content } };

    private static IEnumerable<TestCaseData> FichesWithUnknownCodes()
    {
        yield return new TestCaseData(UO with { UO = UO.UO! with { ChampActivite = "ZZ" } }, "uo.champActivite", "JDV_J20-ChampActivite-ROR")
            .SetName("a champ d'activité outside JDV_J20");
        yield return new TestCaseData(UO with { UO = UO.UO! with { ModePriseEnCharge = "99" } }, "uo.modePriseEnCharge", "JDV_J19-ModePriseEnCharge-ROR")
            .SetName("a mode de prise en charge outside JDV_J19");
        yield return new TestCaseData(WithContent(Content with { PublicPrisEnCharge = ["999"] }), "uo.content.publicPrisEnCharge[0]", "JDV_J29-PublicPrisEnCharge-ROR")
            .SetName("a public outside JDV_J29");
        yield return new TestCaseData(WithContent(Content with { InterventionZones = [new InterventionZone("99", "69")] }), "uo.content.interventionZones[0].type",
            "JDV_J223-TypeDivisionTerritoriale-ROR").SetName("an intervention zone type outside JDV_J223");
        yield return new TestCaseData(WithContent(Content with { Contacts = [new Contact("X", null, "42", Confidentiality.Public)] }), "uo.content.contacts[0].purpose",
            "JDV_J221-NatureContact-ROR").SetName("a nature de contact outside JDV_J221");
        yield return new TestCaseData(WithContent(Content with { Contacts = [new Contact("X", null, "06", Confidentiality.Public) { Telecoms = [new Telecom("0", "0474454647", Confidentiality.Public)] }] }),
            "uo.content.contacts[0].telecoms[0].channel", "JDV_J225-CanalCommunication-ROR").SetName("a canal outside JDV_J225");
        yield return new TestCaseData(Lieu with { Lieu = Lieu.Lieu! with { Function = "999" } }, "lieu.function", "JDV_J198-FonctionLieu-ROR")
            .SetName("a fonction du lieu outside JDV_J198");
    }

    [TestCaseSource(nameof(FichesWithUnknownCodes))]
    public void a_draft_with_a_code_outside_its_value_set_is_refused_naming_the_field_and_the_value_set(Fiche fiche, string field, string valueSet)
    {
        var rejection = Assert.Throws<CommandRejected>(() => DossierDecisions.Draft(OpenDossier(), "d1", fiche, KnownCommunes, Codes, Editor, Now))!;

        Assert.That(rejection.Kind, Is.EqualTo(RejectionKind.Invalid));
        Assert.That(rejection.Problems.Select(p => p.Field), Is.EqualTo(new[] { field }));
        Assert.That(rejection.Problems.Single().Message, Does.Contain($"is not in the value set {valueSet}"));
    }

    [Test]
    public void a_direct_edit_with_a_code_outside_its_value_set_is_refused()
    {
        var content = Content with { PublicPrisEnCharge = ["999"], InterventionZones = [new InterventionZone("99", "69")] };

        var rejection = Assert.Throws<CommandRejected>(() => DirectEditDecisions.EditContent(Published(), "uo-cardio-hc", content, Codes, Editor, Now))!;

        Assert.That(rejection.Kind, Is.EqualTo(RejectionKind.Invalid));
        Assert.That(rejection.Problems.Select(p => p.Field), Is.EquivalentTo(new[] { "publicPrisEnCharge[0]", "interventionZones[0].type" }));
    }

    [Test]
    public void a_draft_made_before_a_code_left_its_value_set_cannot_be_finalized()
    {
        var eg = OpenDossier().Apply(DossierDecisions.Draft(OpenDossier(), "d1", UO, KnownCommunes, Codes, Editor, Now));
        var withoutMco = new Terminology(new Dictionary<string, IReadOnlySet<string>>
        {
            [DescriptionValueSets.ChampActivite.ValueSet] = new HashSet<string> { "04" },
        });

        var rejection = Assert.Throws<CommandRejected>(() => DossierDecisions.Finalize(eg, "d1", UO.Id, KnownCommunes, withoutMco, Editor, Now))!;

        Assert.That(rejection.Problems.Select(p => p.Field), Does.Contain("uo.champActivite"));
    }

    [Test]
    public void codes_of_value_sets_that_include_a_whole_table_are_checked_for_their_shape()
    {
        var accepted = UO with
        {
            UO = UO.UO! with
            {
                ActivitesOperationnelles = ["022", "439"], CategorieOrganisation = "157",
                Content = Content with { OpeningHours = [new OpeningHours(1, "01", null, null)] },
            },
        };
        Assert.That(DossierDecisions.Draft(OpenDossier(), "d1", accepted, KnownCommunes, Codes, Editor, Now), Is.Not.Empty);

        var malformed = UO with { UO = UO.UO! with { ActivitesOperationnelles = ["021;--"], CategorieOrganisation = "a b" } };
        var rejection = Assert.Throws<CommandRejected>(() => DossierDecisions.Draft(OpenDossier(), "d1", malformed, KnownCommunes, Codes, Editor, Now))!;
        Assert.That(rejection.Problems.Select(p => p.Field), Is.EquivalentTo(new[] { "uo.activitesOperationnelles[0]", "uo.categorieOrganisation" }));
    }
}
