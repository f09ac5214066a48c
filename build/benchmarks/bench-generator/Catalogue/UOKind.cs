namespace BenchGenerator.Catalogue;

/// <summary>
/// One kind of UO the generator describes: its operational activity (TRE_R211, JDV_J17), the
/// champ d'activité (TRE_R227, JDV_J20), the mode de prise en charge (TRE_R213, JDV_J19), the
/// unit category (TRE_R244, JDV_J238) when the offer has one, the patients' ages, and the lieu
/// that hosts it: its function (TRE_R343, JDV_J198) and the nature of its capacity (TRE_R329:
/// 01 lit, 02 place). <see cref="Weight"/> is its relative frequency among the UOs of an EG kind.
/// </summary>
public sealed record UOKind(
    string Short, string Label, string Activity, string Champ, string Mode, string? Category,
    int AgeLow, int AgeHigh, string LieuFunction, string CapacityNature, double Weight);
