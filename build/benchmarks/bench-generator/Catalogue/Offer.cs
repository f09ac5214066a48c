namespace BenchGenerator.Catalogue;

/// <summary>
/// What the generated repository offers, with skewed frequencies: many EHPAD, maisons de santé
/// and clinics, fewer hospitals, few units of the rare regroupements (burns, neonatal and
/// paediatric intensive care). Codes are those of the national code systems the host checks
/// or renders: TRE_R211 activities (labels from the NOS table, as in
/// ../shared/notes/capacity-protocol.md and the samples), TRE_R227 champs, TRE_R213 modes
/// (JDV_J19), TRE_R244 categories, TRE_R343 lieu functions (JDV_J198). The FINESS categories
/// are those of the etalab extract (categetab, categagretab). At scale 1.0 the EG kinds'
/// weights and UO counts give about 3 UOs per EG (300,000 for 100,000 EG).
/// </summary>
public static class Offer
{
    private static UOKind Adult(string s, string label, string activity, string? category, double weight) =>
        new(s, label, activity, "01", "28", category, 18, 120, "001", "01", weight);

    public static readonly UOKind PermanentHousing = new("HP", "Hébergement permanent", "439", "04", "46", null, 60, 120, "001", "01", 10);
    public static readonly UOKind DayCare = new("ADJ", "Accueil de jour", "441", "04", "47", null, 60, 120, "002", "02", 3);
    public static readonly UOKind GeneralPractice = new("MG", "Médecine générale", "437", "05", "32", null, 0, 120, "002", "02", 1);
    public static readonly UOKind GynaecologySurgery = new("GYN", "Chirurgie gynécologique - hospitalisation complète", "022", "01", "28", "157", 15, 120, "001", "01", 8);
    public static readonly UOKind GynaecologyConsultations = new("GYNCS", "Consultations de gynécologie", "022", "01", "32", null, 12, 120, "002", "02", 5);
    public static readonly UOKind GeneralIntensiveCare = Adult("REA", "Réanimation polyvalente", "127", "121", 6);
    public static readonly UOKind MedicalIntensiveCare = Adult("REAMED", "Réanimation médicale", "126", "121", 3);
    public static readonly UOKind SurgicalIntensiveCare = Adult("REACHIR", "Réanimation chirurgicale", "122", "121", 2);
    public static readonly UOKind Cardiology = Adult("USIC", "Soins intensifs de cardiologie (USIC)", "354", "262", 6);
    public static readonly UOKind Stroke = Adult("USINV", "Soins intensifs de neurologie vasculaire (USINV)", "356", "263", 4);
    public static readonly UOKind GeneralCriticalCare = Adult("SI", "Soins intensifs polyvalents", "351", null, 4);
    public static readonly UOKind ContinuousCare = Adult("SC", "Surveillance continue polyvalente", "373", "254", 9);
    public static readonly UOKind NeonatalIntensiveCare = new("REANN", "Réanimation néonatale", "128", "01", "28", "287", 0, 1, "001", "01", 1);
    public static readonly UOKind NeonatalCriticalCare = new("USIN", "Soins intensifs de néonatologie", "369", "01", "28", "286", 0, 1, "001", "01", 1.5);
    public static readonly UOKind PaediatricIntensiveCare = new("REAPED", "Réanimation pédiatrique", "130", "01", "28", "121", 0, 17, "001", "01", 0.8);
    public static readonly UOKind PaediatricContinuousCare = new("SCPED", "Surveillance continue pédiatrique", "391", "01", "28", null, 0, 17, "001", "01", 1.5);
    public static readonly UOKind BurnsIntensiveCare = Adult("BRUL", "Réanimation des brûlés", "121", "308", 0.15);
    public static readonly UOKind BurnsCriticalCare = Adult("SIBRUL", "Soins intensifs des brûlés", "359", null, 0.15);
    public static readonly UOKind BurnsContinuousCare = Adult("SCBRUL", "Surveillance continue des brûlés", "379", null, 0.1);

    private static readonly UOKind[] Hospital =
    [
        GynaecologySurgery, GynaecologyConsultations, GeneralIntensiveCare, MedicalIntensiveCare, SurgicalIntensiveCare,
        Cardiology, Stroke, GeneralCriticalCare, ContinuousCare, NeonatalIntensiveCare, NeonatalCriticalCare,
        PaediatricIntensiveCare, PaediatricContinuousCare, BurnsIntensiveCare, BurnsCriticalCare, BurnsContinuousCare,
        PermanentHousing with { Weight = 4 },
    ];

    /// <summary>Every EG kind, by decreasing frequency.</summary>
    public static readonly IReadOnlyList<EGKind> EGKinds =
    [
        new("EHPAD", "500", "Etablissement d'hébergement pour personnes âgées dépendantes", "4401", "Etablissements et Services pour Personnes Âgées",
            "EHPAD", 40, 1, 2, [PermanentHousing, DayCare]),
        new("clinic", "365", "Etablissement de Soins Pluridisciplinaire", "1106", "Etablissements de Soins Pluridisciplinaires",
            "CLINIQUE", 20, 2, 7, [GynaecologySurgery, GynaecologyConsultations, ContinuousCare, Cardiology, GeneralIntensiveCare, GeneralCriticalCare, SurgicalIntensiveCare]),
        new("health centre", "603", "Maison de santé (L.6223-3)", "2206", "Maisons et Centres de Santé",
            "MAISON DE SANTE", 18, 1, 1, [GeneralPractice]),
        new("hospital", "355", "Centre Hospitalier (C.H.)", "1102", "Centres Hospitaliers",
            "CENTRE HOSPITALIER", 14, 5, 11, Hospital),
        new("day centre", "207", "Centre de Jour pour Personnes Âgées", "4401", "Etablissements et Services pour Personnes Âgées",
            "ACCUEIL DE JOUR", 6, 1, 1, [DayCare]),
        new("regional hospital", "101", "Centre Hospitalier Régional (C.H.R.)", "1101", "Centres Hospitaliers Régionaux",
            "CENTRE HOSPITALIER REGIONAL", 2, 10, 16, Hospital.Select(k => k.Weight < 2 ? k with { Weight = k.Weight * 4 } : k).ToList()),
    ];
}
