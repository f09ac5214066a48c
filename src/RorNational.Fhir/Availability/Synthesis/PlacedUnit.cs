using RorNational.Fhir.Access;
using RorNational.Fhir.Availability.Placement;

namespace RorNational.Fhir.Availability.Synthesis;

/// <summary>One row of the synthesis: a placed unit with its figures and last capacityUpdateDate, as read by <see cref="PlacedUnits"/>.</summary>
public sealed record PlacedUnit(
    string UnitId, string LocationId, string Name, string EGFiness, string EGName,
    string Region, string Departement, string Regroupement, bool Sensitive, bool MedicoSocial,
    IReadOnlyList<PhoneCandidate> Phones, AvailabilityFigures Figures, DateTimeOffset? LastUpdate)
{
    /// <summary>The classes every datum of the unit has: its setting, and whether it is a sensitive unit.</summary>
    public DataClass Classes =>
        (MedicoSocial ? DataClass.None : DataClass.OutsideMedicoSocial) | (Sensitive ? DataClass.SensitiveUnit : DataClass.None);
}
