using RorNational.Domain.Common;

namespace RorNational.Domain.Practitioners;

/// <summary>The value sets the professionals' coded fields are bound to (ror-practitioner, ror-practitionerrole).</summary>
public static class PractitionerValueSets
{
    public static readonly ValueSetBinding Civilite = new("JDV_J207-Civilite-ROR", "TRE_R81");
    public static readonly ValueSetBinding ProfessionSante = new("JDV_J229-ProfessionSante-ROR", "TRE_G15");
    public static readonly ValueSetBinding TypeSavoirFaire = new("JDV_J209-TypeSavoirFaire-ROR", "TRE_R04");
    public static readonly ValueSetBinding SpecialiteOrdinale = new("JDV_J210-SpecialiteOrdinale-ROR", "TRE_R38");
    public static readonly ValueSetBinding ModeExercice = new("JDV_J217-ModeExercice-ROR", "TRE_R23");
    public static readonly ValueSetBinding CompetenceSpecifique = new("JDV_J33-CompetenceSpecifique-ROR", "TRE_R243");

    public static readonly ValueSetBinding CiviliteExercice = new("JDV_J208-CiviliteExercice-ROR", "TRE_R11");
    public static readonly ValueSetBinding Competence = new("JDV_J232-Competence-ROR", "TRE_R39");
    public static readonly ValueSetBinding CompetenceExclusive = new("JDV_J211-CompetenceExclusive-ROR", "TRE_R40");
    public static readonly ValueSetBinding OrientationParticuliere = new("JDV_J212-OrientationParticuliere-ROR", "TRE_G13");
    public static readonly ValueSetBinding CapaciteSavoirFaire = new("JDV_J213-CapaciteSavoirFaire-ROR", "TRE_R43");
    public static readonly ValueSetBinding QualificationPac = new("JDV_J214-QualificationPAC-ROR", "TRE_R44");
    public static readonly ValueSetBinding DescNonQualifiant = new("JDV_J215-DESCnonQualifiant-ROR", "TRE_R42");
    public static readonly ValueSetBinding DroitExerciceCompl = new("JDV_J216-DroitExerciceCompl-ROR", "TRE_R97");
    public static readonly ValueSetBinding SecteurConventionnement = new("JDV_J218-CNAMAmeliSecteurConventionnement-ROR", "TRE_R282");

    public static IReadOnlyList<ValueSetBinding> All { get; } =
    [
        Civilite, ProfessionSante, TypeSavoirFaire, SpecialiteOrdinale, ModeExercice, CompetenceSpecifique,
        CiviliteExercice, Competence, CompetenceExclusive, OrientationParticuliere, CapaciteSavoirFaire, QualificationPac,
        DescNonQualifiant, DroitExerciceCompl, SecteurConventionnement,
    ];
}
