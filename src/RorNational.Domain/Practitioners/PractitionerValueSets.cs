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

    public static IReadOnlyList<ValueSetBinding> All { get; } =
        [Civilite, ProfessionSante, TypeSavoirFaire, SpecialiteOrdinale, ModeExercice, CompetenceSpecifique];
}
