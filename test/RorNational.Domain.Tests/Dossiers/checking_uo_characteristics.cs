using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Domain.Establishments.Editing;
using RorNational.Domain.Establishments.Structure;
using static RorNational.Domain.Tests.Dossiers.SampleFiches;

namespace RorNational.Domain.Tests.Dossiers;

/// <summary>
/// A UO's characteristics are checked against the value sets of their slices: the structural
/// ones (family, reception type, expertise levels, acts) when drafted, the content ones
/// (modalities, professions, competences, service stop, MSS mailboxes) when drafted or edited
/// directly; a code of a value set drawing on several tables is checked in its own table.
/// </summary>
public sealed class checking_uo_characteristics
{
    /// <summary>Real codes of the value sets these fields are bound to, a few per table.</summary>
    private static readonly Terminology Characteristics = new(new Dictionary<string, IReadOnlySet<string>>
    {
        [DescriptionValueSets.ChampActivite.ValueSet] = new HashSet<string> { "01", "04" },
        [DescriptionValueSets.ModePriseEnCharge.ValueSet] = new HashSet<string> { "28" },
        [DescriptionValueSets.PublicPrisEnCharge.ValueSet] = new HashSet<string> { "01" },
        [DescriptionValueSets.NatureContact.ValueSet] = new HashSet<string> { "06" },
        [DescriptionValueSets.CanalCommunication.ValueSet] = new HashSet<string> { "2", "3", "MSSANTE" },
        [Terminology.ByTable(DescriptionValueSets.CanalCommunication.ValueSet, "TRE_R200")] = new HashSet<string> { "2", "3" },
        [Terminology.ByTable(DescriptionValueSets.CanalCommunication.ValueSet, "TRE_R256")] = new HashSet<string> { "MSSANTE" },
        [DescriptionValueSets.TemporaliteAccueil.ValueSet] = new HashSet<string> { "01", "02" },
        [DescriptionValueSets.OuvertureAnnuelle.ValueSet] = new HashSet<string> { "01", "02" },
        [DescriptionValueSets.TemporaliteArretService.ValueSet] = new HashSet<string> { "DEF", "PRO" },
        [DescriptionValueSets.NiveauExpertise[0].ValueSet] = new HashSet<string> { "01", "02", "03", "04", "10" },
        [Terminology.ByTable(DescriptionValueSets.NiveauExpertise[0].ValueSet, "TRE_R253")] = new HashSet<string> { "01", "02", "03", "04" },
        [Terminology.ByTable(DescriptionValueSets.NiveauExpertise[0].ValueSet, "TRE_R344")] = new HashSet<string> { "10" },
        [DescriptionValueSets.ProfessionRessource[0].ValueSet] = new HashSet<string> { "10", "41", "63" },
        [Terminology.ByTable(DescriptionValueSets.ProfessionRessource[0].ValueSet, "TRE_G15")] = new HashSet<string> { "10" },
        [Terminology.ByTable(DescriptionValueSets.ProfessionRessource[0].ValueSet, "TRE_R94")] = new HashSet<string> { "41" },
        [Terminology.ByTable(DescriptionValueSets.ProfessionRessource[0].ValueSet, "TRE_R356")] = new HashSet<string> { "10", "63" },
    });

    private static EG OpenDossier()
    {
        var eg = RegisteredEG();
        return eg.Apply(DossierDecisions.Open(eg, "d1", Editor, Now));
    }

    private static UODescription Uo => UO.UO!;

    private static CommandRejected DraftRefused(UODescription uo) =>
        Assert.Throws<CommandRejected>(() => DossierDecisions.Draft(OpenDossier(), "d1", UO with { UO = uo }, KnownCommunes, Characteristics, Editor, Now))!;

    [Test]
    public void a_uo_with_every_characteristic_in_its_value_set_is_drafted()
    {
        var uo = Uo with
        {
            OperationalActivityFamily = new NosCode("TRE_R266", "02"), ReceptionType = "01",
            ExpertiseLevels = [new NosCode("TRE_R253", "03"), new NosCode("TRE_R344", "10")],
            SpecificActs = ["0630"], OutsideOfficeActs = ["0178"], NoConsentHabilitation = true,
            Content = Uo.Content with
            {
                ReceptionModalities = ["01"], ManagementTypes = ["01"], TakingCareSpecialities = ["01"], AnnualOpening = "02",
                ResourceProfessions = [new NosCode("TRE_G15", "10"), new NosCode("TRE_R356", "10"), new NosCode("TRE_R94", "41")],
                SpecificCompetences = ["01"], ServiceStopTemporality = "PRO",
                MssMailboxes = [new Telecom("MSSANTE", "cardio@ch-bourg.mssante.fr", Confidentiality.Professional), new Telecom("3", "cardio@ch-bourg.fr", Confidentiality.Public)],
            },
        };

        Assert.That(DossierDecisions.Draft(OpenDossier(), "d1", UO with { UO = uo }, KnownCommunes, Characteristics, Editor, Now), Is.Not.Empty);
    }

    [Test]
    public void structural_characteristics_outside_their_value_sets_are_refused_each_by_its_path()
    {
        var rejection = DraftRefused(Uo with
        {
            ReceptionType = "03",
            ExpertiseLevels = [new NosCode("TRE_R253", "10")],
            OperationalActivityFamily = new NosCode("TRE_R999", "01"),
            SpecificActs = ["06 30"],
        });

        Assert.That(rejection.Kind, Is.EqualTo(RejectionKind.Invalid));
        Assert.That(rejection.Problems.Select(p => p.Field), Is.EquivalentTo(new[]
        {
            "uo.receptionType", "uo.expertiseLevels[0].code", "uo.operationalActivityFamily.table", "uo.specificActs[0]",
        }), "10 is an expertise level of TRE_R344, not a maternity type of TRE_R253");
    }

    [Test]
    public void a_profession_is_checked_in_its_own_table_since_codes_overlap_between_tables()
    {
        var content = Uo.Content with { ResourceProfessions = [new NosCode("TRE_G15", "63"), new NosCode("TRE_R94", "10")] };

        var rejection = Assert.Throws<CommandRejected>(() => DirectEditDecisions.EditContent(Published(), "uo-cardio-hc", content, Characteristics, Editor, Now))!;

        Assert.That(rejection.Problems.Select(p => p.Field), Is.EquivalentTo(new[] { "resourceProfessions[0].code", "resourceProfessions[1].code" }));
        Assert.That(rejection.Problems.Select(p => p.Message), Has.All.Contains("JDV_J186-ProfessionRessource-ROR"));
    }

    [Test]
    public void content_characteristics_are_checked_on_a_direct_edit()
    {
        var content = Uo.Content with
        {
            AnnualOpening = "09", ServiceStopTemporality = "DEF2",
            MssMailboxes = [new Telecom("MSSANTE", "not a mailbox", Confidentiality.Public), new Telecom("MSSANTE", "x@y.fr", (Confidentiality)7), new Telecom("2", "x@y.fr", Confidentiality.Public)],
            SpecificCompetences = [""],
        };

        var rejection = Assert.Throws<CommandRejected>(() => DirectEditDecisions.EditContent(Published(), "uo-cardio-hc", content, Characteristics, Editor, Now))!;

        Assert.That(rejection.Problems.Select(p => p.Field), Is.EquivalentTo(new[]
        {
            "annualOpening", "serviceStopTemporality", "mssMailboxes[0].value", "mssMailboxes[1].confidentiality", "mssMailboxes[2].channel", "specificCompetences[0]",
        }));
    }
}
