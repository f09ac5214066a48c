using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Domain.Establishments.Structure;

namespace RorNational.Domain.Tests.Dossiers;

/// <summary>A hospital's structure as fiches: pôle > service > UF > UO, and one lieu.</summary>
public static class SampleFiches
{
    public static readonly Actor Editor = new("editor-ch-bourg");
    public static readonly Actor Validator = new("validator-ara");
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 30, 0, TimeSpan.Zero);

    /// <summary>The communes the reference data would know, for these tests: Bourg-en-Bresse's.</summary>
    public static bool KnownCommunes(string cog) => cog == "01053";

    /// <summary>
    /// Part of the national value sets, for these tests (the server loads them whole from
    /// fhir-profiles/ValueSet): the codes below are real ones. Activités opérationnelles,
    /// types d'horaire and catégories d'organisation are not listed, as in the repository.
    /// </summary>
    public static readonly Terminology Codes = new(new Dictionary<string, IReadOnlySet<string>>
    {
        [DescriptionValueSets.ChampActivite.ValueSet] = new HashSet<string> { "01", "02", "03", "04", "05", "06" },
        [DescriptionValueSets.ModePriseEnCharge.ValueSet] = new HashSet<string> { "01", "02", "28", "32", "46", "47" },
        [DescriptionValueSets.PublicPrisEnCharge.ValueSet] = new HashSet<string> { "01", "02", "03", "04", "05", "06", "07", "08", "09", "10" },
        [DescriptionValueSets.NatureContact.ValueSet] = new HashSet<string> { "01", "02", "06" },
        [DescriptionValueSets.CanalCommunication.ValueSet] = new HashSet<string> { "1", "2", "3", "4", "5", "6", "7", "8", "9" },
        [DescriptionValueSets.TypeDivisionTerritoriale.ValueSet] = new HashSet<string> { "1", "2", "3", "4", "5", "6" },
        [DescriptionValueSets.FonctionLieu.ValueSet] = new HashSet<string> { "001", "002", "003" },
        [DescriptionValueSets.TypeTarif.ValueSet] = new HashSet<string> { "01", "02", "03", "04", "05", "06", "07" },
        [DescriptionValueSets.UnitePrix.ValueSet] = new HashSet<string> { "1", "2", "3", "4" },
        [DescriptionValueSets.ConditionTarifaire.ValueSet] = new HashSet<string> { "01", "02", "03" },
        [DescriptionValueSets.TemporaliteAccueil.ValueSet] = new HashSet<string> { "01", "02" },
        [DescriptionValueSets.NiveauRecoursOrsan.ValueSet] = new HashSet<string> { "1", "4" },
        [DescriptionValueSets.AccessibiliteLieu.ValueSet] = new HashSet<string> { "1", "2", "3", "4", "5", "6" },
        [DescriptionValueSets.TypeFermeture.ValueSet] = new HashSet<string> { "DEF", "ERR", "NDI", "CHP", "EML", "PRO", "PRE" },
    });

    public static EG RegisteredEG() => EG.Evolve(null, new EGRegistered(
        new EGAdministrativeData("010000024", "010008407", "CH DE FLEYRIAT",
            new PostalAddress("900", "RTE", "DE PARIS", null, null, "01012", "BOURG EN BRESSE", "01053")),
        Actor.System, Now))!;

    public static Fiche Pole => new("pole-medecine", FicheType.Pole, "Pôle médecine", null);
    public static Fiche Service => new("cardiologie", FicheType.Service, "Service de cardiologie", "pole-medecine");
    public static Fiche UF => new("uf-cardio-hc", FicheType.UF, "UF cardiologie HC", "cardiologie");

    public static Fiche Lieu => new("lieu-batiment-a", FicheType.Lieu, "Bâtiment A, 3e étage", null)
    {
        Lieu = new LieuDescription
        {
            Function = "001",
            Address = new PostalAddress("900", "RTE", "DE PARIS", null, null, "01012", "BOURG EN BRESSE", "01053"),
            IdExterneSynchro = "CARDIO-HC",
        },
    };

    public static Fiche UO => new("uo-cardio-hc", FicheType.UO, "Cardiologie - hospitalisation complète", "uf-cardio-hc")
    {
        UO = new UODescription
        {
            ChampActivite = "01",
            ActivitesOperationnelles = ["022"],
            ModePriseEnCharge = "28",
            LieuIds = ["lieu-batiment-a"],
            Content = new UOContent
            {
                AgeRange = new AgeRange(18, 120),
                Contacts = [new Contact("Secrétariat", null, "06", Confidentiality.Public)
                {
                    Telecoms = [new Telecom("2", "0474454647", Confidentiality.Public), new Telecom("2", "0474450000", Confidentiality.Crisis)],
                }],
            },
        },
    };

    public static IEnumerable<Fiche> All => [Pole, Service, UF, Lieu, UO];

    public static EG Apply(this EG eg, IEnumerable<object> events) => events.Aggregate(eg, (state, e) => EG.Evolve(state, e)!);

    /// <summary>The sample structure drafted (and finalized) in open dossier d1.</summary>
    public static EG WithDraftedStructure(bool finalized = true)
    {
        var eg = RegisteredEG();
        eg = eg.Apply(DossierDecisions.Open(eg, "d1", Editor, Now));
        foreach (var fiche in All)
        {
            eg = eg.Apply(DossierDecisions.Draft(eg, "d1", fiche, KnownCommunes, Codes, Editor, Now));
            if (finalized) eg = eg.Apply(DossierDecisions.Finalize(eg, "d1", fiche.Id, KnownCommunes, Codes, Editor, Now));
        }
        return eg;
    }

    /// <summary>The sample structure published by dossier d1, submitted and accepted.</summary>
    public static EG Published()
    {
        var eg = WithDraftedStructure();
        eg = eg.Apply(DossierDecisions.Submit(eg, "d1", Editor, Now));
        return eg.Apply(DossierDecisions.Accept(eg, "d1", "conforme", Validator, Now));
    }
}
