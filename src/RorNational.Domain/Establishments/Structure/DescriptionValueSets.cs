using RorNational.Domain.Common;

namespace RorNational.Domain.Establishments.Structure;

/// <summary>
/// The value set each coded field of an editor-written description is bound to, as the FHIR
/// rendering binds it (required bindings of the ROR profiles). The administrative data from
/// FINESS are not checked against these: FINESS is the authority for its own codes.
/// </summary>
public static class DescriptionValueSets
{
    public static readonly ValueSetBinding ChampActivite = new("JDV_J20-ChampActivite-ROR", "TRE_R227");
    public static readonly ValueSetBinding ActiviteOperationnelle = new("JDV_J17-ActiviteOperationnelle-ROR", "TRE_R211");
    public static readonly ValueSetBinding ModePriseEnCharge = new("JDV_J19-ModePriseEnCharge-ROR", "TRE_R213");
    public static readonly ValueSetBinding CategorieOrganisation = new("JDV_J238-TypeOffre-ROR", "TRE_R244");
    public static readonly ValueSetBinding PublicPrisEnCharge = new("JDV_J29-PublicPrisEnCharge-ROR", "TRE_R239");
    public static readonly ValueSetBinding TypeHoraire = new("JDV_J41-TypeHoraire-ROR", "TRE_R252");
    public static readonly ValueSetBinding NatureContact = new("JDV_J221-NatureContact-ROR", "TRE_R287");
    public static readonly ValueSetBinding CanalCommunication = new("JDV_J225-CanalCommunication-ROR", "TRE_R200");
    public static readonly ValueSetBinding TypeDivisionTerritoriale = new("JDV_J223-TypeDivisionTerritoriale-ROR", "TRE_R201");
    public static readonly ValueSetBinding FonctionLieu = new("JDV_J198-FonctionLieu-ROR", "TRE_R343");
    public static readonly ValueSetBinding StatutLieu = new("JDV_J224-StatutLieu-ROR", "TRE_R203");
    public static readonly ValueSetBinding EquipementSpecifique = new("JDV_J18-EquipementSpecifique-ROR", "TRE_R212");
    public static readonly ValueSetBinding TypeCaracteristiqueEquipement = new("JDV_J228-TypeCaracteristiqueEquipement-ROR", "TRE_R340");
    public static readonly ValueSetBinding TypeHabitation = new("JDV_J32-TypeHabitation-ROR", "TRE_R242");
    public static readonly ValueSetBinding TypeTarif = new("JDV_J36-TypeTarif-ROR", "TRE_R246");
    public static readonly ValueSetBinding UnitePrix = new("JDV_J205-UnitePrix-ROR", "TRE_R228");
    public static readonly ValueSetBinding ConditionTarifaire = new("JDV_J39-ConditionTarifaire-ROR", "TRE_R250");
    public static readonly ValueSetBinding PrestationNonObligatoireIncluse = new("JDV_J206-PrestationNonObligatoireIncluse-ROR", "TRE_R264");
    public static readonly ValueSetBinding GroupeTarifaireDependance = new("JDV_J27-GroupeTarifaireDependance-ROR", "TRE_R237");
    public static readonly ValueSetBinding TemporaliteAccueil = new("JDV_J30-TemporaliteAccueil-ROR", "TRE_R240");
    public static readonly ValueSetBinding NiveauRecoursOrsan = new("JDV_J204-NiveauRecoursORSAN-ROR", "TRE_R284");
    public static readonly ValueSetBinding AccessibiliteLieu = new("JDV_J50-AccessibiliteLieu-ROR", "TRE_R202");
    public static readonly ValueSetBinding AideFinanciere = new("JDV_J31-AideFinanciere-ROR", "TRE_R241");
    public static readonly ValueSetBinding TypeFermeture = new("JDV_J201-TypeFermeture-ROR", "TRE_R286");
    /// <summary>JDV_J249: the health territories (territoires de santé) an EG lies in, codes of TRE_R88.</summary>
    public static readonly ValueSetBinding TerritoireSante = new("JDV_J249-TerritoireSante-ROR", "TRE_R88");

    public static readonly ValueSetBinding ActeSpecifique = new("JDV_J16-ActeSpecifique-ROR", "TRE_R210");
    public static readonly ValueSetBinding ModaliteAccueil = new("JDV_J226-ModaliteAccueil-ROR", "TRE_R338");
    public static readonly ValueSetBinding ModeGestion = new("JDV_J26-ModeGestion-ROR", "TRE_R236");
    public static readonly ValueSetBinding SpecialisationPriseEnCharge = new("JDV_J35-SpecialisationDePriseEnCharge-ROR", "TRE_R245");
    public static readonly ValueSetBinding OuvertureAnnuelle = new("JDV_J28-OuvertureAnnuelle-ROR", "TRE_R238");
    public static readonly ValueSetBinding CompetenceSpecifique = new("JDV_J33-CompetenceSpecifique-ROR", "TRE_R243");
    /// <summary>JDV_J185: the temporality of a service stop (TRE_R286 DEF, PRO, PRE), a subset of the closing types.</summary>
    public static readonly ValueSetBinding TemporaliteArretService = new("JDV_J185-TypeFermeture-ROR", "TRE_R286");

    /// <summary>JDV_J225's channel of an MSS mailbox (TRE_R256 MSSANTE), beside the TRE_R200 channels.</summary>
    public static readonly ValueSetBinding TypeMessagerie = new("JDV_J225-CanalCommunication-ROR", "TRE_R256");

    /// <summary>JDV_J51 famille d'activité opérationnelle, by table.</summary>
    public static readonly IReadOnlyList<ValueSetBinding> FamilleActiviteOperationnelle =
        Tables("JDV_J51-FamilleActiviteOperationnelle-ROR", "TRE_R266", "TRE_R265");

    /// <summary>JDV_J227 niveau d'expertise (maternity types among them), by table.</summary>
    public static readonly IReadOnlyList<ValueSetBinding> NiveauExpertise =
        Tables("JDV_J227-NiveauExpertise-ROR", "TRE_R253", "TRE_R344");

    /// <summary>JDV_J186 profession ressource, by table.</summary>
    public static readonly IReadOnlyList<ValueSetBinding> ProfessionRessource =
        Tables("JDV_J186-ProfessionRessource-ROR", "TRE_G15", "TRE_R94", "TRE_R85", "TRE_R96", "TRE_R95", "TRE_R356");

    private static ValueSetBinding[] Tables(string valueSet, params string[] tables) =>
        tables.Select(table => new ValueSetBinding(valueSet, table)).ToArray();

    public static IReadOnlyList<ValueSetBinding> All { get; } =
    [
        ChampActivite, ActiviteOperationnelle, ModePriseEnCharge, CategorieOrganisation, PublicPrisEnCharge,
        TypeHoraire, NatureContact, CanalCommunication, TypeDivisionTerritoriale, FonctionLieu,
        StatutLieu, EquipementSpecifique, TypeCaracteristiqueEquipement, TypeHabitation,
        ActeSpecifique, TemporaliteAccueil, ModaliteAccueil, ModeGestion, SpecialisationPriseEnCharge,
        OuvertureAnnuelle, CompetenceSpecifique, TemporaliteArretService, TypeMessagerie,
        .. FamilleActiviteOperationnelle, .. NiveauExpertise, .. ProfessionRessource,
        TypeTarif, UnitePrix, ConditionTarifaire, GroupeTarifaireDependance, NiveauRecoursOrsan,
        AccessibiliteLieu, AideFinanciere, TypeFermeture, PrestationNonObligatoireIncluse, TerritoireSante,
    ];
}
