using RorNational.Fhir.Access;

namespace RorNational.Fhir.Availability.Synthesis;

/// <summary>
/// What a profile reads of a placed unit, by the classes of its data
/// (<see cref="PlacedUnit.Classes"/>): nothing of a sensitive unit to a profile hiding
/// sensitive units, each figure only where the profile may read its classes
/// (<see cref="AvailabilityFigureClasses"/>) in the unit's setting, and the first phone whose
/// confidentiality the profile may read (contacts are <see cref="DataClass.Contact"/>); the
/// date of its capacity only where it may read its capacity.
/// </summary>
public static class UnitView
{
    public static bool Sees(AccessProfile profile, PlacedUnit unit) => !profile.Hides(unit.Classes);

    /// <summary>
    /// Whether the profile may read anything of the unit's capacity, its capacityUpdateDate
    /// included: if not, it gets neither the unit's date nor whether it is stale.
    /// </summary>
    public static bool SeesCapacity(AccessProfile profile, PlacedUnit unit) => !profile.Hides(DataClass.Capacity | unit.Classes);

    public static bool SeesFigure(AccessProfile profile, DataClass unitClasses, AvailabilityFigure figure) =>
        !profile.Hides(AvailabilityFigureClasses.Of(figure) | unitClasses);

    /// <summary>The unit's figures as the profile may read them: the others null.</summary>
    public static AvailabilityFigures FiguresOf(AccessProfile profile, PlacedUnit unit)
    {
        int? Shown(AvailabilityFigure figure) => SeesFigure(profile, unit.Classes, figure) ? unit.Figures[figure] : null;
        return new AvailabilityFigures(
            Shown(AvailabilityFigure.Available), Shown(AvailabilityFigure.Installed), Shown(AvailabilityFigure.Closed),
            Shown(AvailabilityFigure.ClosedReactivable), Shown(AvailabilityFigure.Supplementary), Shown(AvailabilityFigure.Forecast24h));
    }

    public static string? PhoneOf(AccessProfile profile, PlacedUnit unit) =>
        unit.Phones.FirstOrDefault(phone => !profile.Hides(DataClass.Contact | LevelClass(phone.Level) | unit.Classes))?.Value;

    /// <summary>
    /// The figures a profile may read of units outside the medico-social field, where the
    /// critical-care units of the synthesis are: what the response says the profile sees.
    /// </summary>
    public static IReadOnlyList<AvailabilityFigure> FiguresSeenBy(AccessProfile profile) =>
        Enum.GetValues<AvailabilityFigure>().Where(f => SeesFigure(profile, DataClass.OutsideMedicoSocial, f)).ToList();

    private static DataClass LevelClass(int level) => level switch
    {
        2 => DataClass.ConfidentialityLevel2,
        3 => DataClass.ConfidentialityLevel3,
        _ => DataClass.None,
    };
}
