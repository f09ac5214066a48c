namespace RorNational.Fhir.Ror;

/// <summary>
/// The sub-extensions of ror-location-supported-capacity: their urls (bare names, as the guide
/// has them), the NOS table each coded one is bound to, and the labels of its codes.
/// </summary>
public static class CapacityCodes
{
    public const string CapacityType = "capacityType";
    public const string CapacityStatus = "capacityStatus";
    public const string Temporality = "temporalityCapacity";
    public const string Count = "nbCapacity";
    public const string SourceType = "capacitySourceType";
    public const string Gender = "genderCapacityAvailable";
    public const string UpdateDate = "capacityUpdateDate";
    public const string ClosingType = "capacityClosingType";
    public const string AdditionalBedType = "additionalBedType";
    public const string CrisisType = "crisisType";
    /// <summary>Spelt so by the guide.</summary>
    public const string TemporaryAssignment = "temporaryAssignement";
    public const string Comment = "comment";

    /// <summary>Each coded sub-extension: its code system and the label of each code (deprecated ones included, for reading).</summary>
    public static readonly IReadOnlyDictionary<string, (string System, IReadOnlyDictionary<string, string> Labels)> Coded =
        new Dictionary<string, (string, IReadOnlyDictionary<string, string>)>
        {
            [CapacityType] = (RorCanonical.Nos("TRE_R329", "NatureCapacite"), new Dictionary<string, string>
            {
                ["01"] = "Lit", ["02"] = "Place",
            }),
            [CapacityStatus] = (RorCanonical.Nos("TRE_R330", "TypeStatutCapacite"), new Dictionary<string, string>
            {
                ["01"] = "Installé", ["02"] = "Disponible", ["03"] = "Occupé", ["04"] = "Réservé", ["05"] = "Fermé",
                ["06"] = "Supplémentaire", ["07"] = "Opérationnel", ["08"] = "Installé constaté", ["09"] = "Autorisé",
            }),
            [Temporality] = (RorCanonical.Nos("TRE_R331", "TemporaliteCapacite"), new Dictionary<string, string>
            {
                ["01"] = "Courant", ["02"] = "Prévisionnel 1 heure", ["03"] = "Prévisionnel 24 heures",
                ["04"] = "Prévisionnel 48 heures", ["05"] = "Prévisionnel 7 jours",
            }),
            [Gender] = (RorCanonical.Nos("TRE_R332", "GenreCapacite"), new Dictionary<string, string>
            {
                ["01"] = "Femme", ["02"] = "Homme", ["03"] = "Indifférencié", ["04"] = "Indéterminé",
            }),
            [ClosingType] = (RorCanonical.Nos("TRE_R333", "TypeFermetureCapacite"), new Dictionary<string, string>
            {
                ["01"] = "Réactivable", ["02"] = "Non réactivable", ["03"] = "Indéterminé",
            }),
            [AdditionalBedType] = (RorCanonical.Nos("TRE_R334", "TypeLitSupplementaire"), new Dictionary<string, string>
            {
                ["01"] = "Mobilisé", ["02"] = "Mobilisable sans ressources humaines", ["03"] = "Mobilisable avec ressources humaines",
            }),
            [SourceType] = (RorCanonical.Nos("TRE_R335", "TypeSourceCapacite"), new Dictionary<string, string>
            {
                ["01"] = "Saisie manuelle", ["02"] = "Bed management", ["03"] = "GAM", ["04"] = "DPI",
            }),
            [CrisisType] = (RorCanonical.Nos("TRE_R336", "TypeCrise"), new Dictionary<string, string>
            {
                ["01"] = "PMIE 1", ["02"] = "Situation sanitaire Exceptionnelle (SSE) (Plan blanc)",
            }),
            [TemporaryAssignment] = (RorCanonical.Nos("TRE_R337", "AffectationTemporaire"), new Dictionary<string, string>
            {
                ["01"] = "Aucune", ["02"] = "Covid+", ["03"] = "Covid-",
            }),
        };

    public static string SystemOf(string subExtension) => Coded[subExtension].System;
}
