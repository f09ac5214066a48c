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
    public static readonly ValueSetBinding GroupeTarifaireDependance = new("JDV_J27-GroupeTarifaireDependance-ROR", "TRE_R237");
    public static readonly ValueSetBinding TemporaliteAccueil = new("JDV_J30-TemporaliteAccueil-ROR", "TRE_R240");
    public static readonly ValueSetBinding NiveauRecoursOrsan = new("JDV_J204-NiveauRecoursORSAN-ROR", "TRE_R284");
    public static readonly ValueSetBinding AccessibiliteLieu = new("JDV_J50-AccessibiliteLieu-ROR", "TRE_R202");
    public static readonly ValueSetBinding AideFinanciere = new("JDV_J31-AideFinanciere-ROR", "TRE_R241");
    public static readonly ValueSetBinding TypeFermeture = new("JDV_J201-TypeFermeture-ROR", "TRE_R286");

    public static IReadOnlyList<ValueSetBinding> All { get; } =
    [
        ChampActivite, ActiviteOperationnelle, ModePriseEnCharge, CategorieOrganisation, PublicPrisEnCharge,
        TypeHoraire, NatureContact, CanalCommunication, TypeDivisionTerritoriale, FonctionLieu,
        StatutLieu, EquipementSpecifique, TypeCaracteristiqueEquipement, TypeHabitation,
        TypeTarif, UnitePrix, ConditionTarifaire, GroupeTarifaireDependance, TemporaliteAccueil, NiveauRecoursOrsan,
        AccessibiliteLieu, AideFinanciere, TypeFermeture,
    ];
}
