using System.Text.Json;
using RorNational.Fhir.Access;
using RorNational.Fhir.Availability.Placement;

namespace RorNational.Fhir.Availability.Synthesis;

/// <summary>One row of the synthesis: a placed unit with its figures and last capacityUpdateDate, as read by <see cref="PlacedUnits"/>.</summary>
/// <remarks>Read for the grid, a unit's names, Location id and phones are left empty (<see cref="PlacedUnits.ReadAsync"/>).</remarks>
public sealed record PlacedUnit(
    string UnitId, string Region, string Departement, string Regroupement, bool Sensitive, bool MedicoSocial,
    AvailabilityFigures Figures, DateTimeOffset? LastUpdate,
    string LocationId, string Name, string EGFiness, string EGName, string PhonesJson)
{
    /// <summary>The phone candidates, read from their JSON only when asked (the grid shows none).</summary>
    public IReadOnlyList<PhoneCandidate> Phones => JsonSerializer.Deserialize<List<PhoneCandidate>>(PhonesJson) ?? [];

    /// <summary>
    /// The classes every datum of the unit has: its setting, and whether it is a sensitive unit.
    /// A unit of the bed-availability synthesis is a hospital's or a medico-social lieu: never of the ville field.
    /// </summary>
    public DataClass Classes =>
        (MedicoSocial ? DataClass.None : DataClass.OutsideMedicoSocial) | DataClass.OutsideVille | (Sensitive ? DataClass.SensitiveUnit : DataClass.None);
}
