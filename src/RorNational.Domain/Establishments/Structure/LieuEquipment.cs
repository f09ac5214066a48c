namespace RorNational.Domain.Establishments.Structure;

/// <summary>
/// Équipement spécifique of a lieu: its type (TRE_R212, JDV_J18), how many of that type are in
/// service, and the extreme values the most tolerant of them supports (<see cref="Limits"/>).
/// </summary>
public sealed record Equipment(string Type, int? InService)
{
    public IReadOnlyList<EquipmentLimit> Limits { get; init; } = [];
}

/// <summary>
/// Limite d'une caractéristique d'équipement: the feature (TRE_R340, JDV_J228: 001 poids
/// maximum, 002 diamètre maximum) and its limit, a value in a UCUM unit (kg, cm).
/// </summary>
public sealed record EquipmentLimit(string Feature, decimal Value, string Unit);

/// <summary>Capacité d'habitation: how many dwellings of a type (TRE_R242, JDV_J32: chambre simple, F1...).</summary>
public sealed record ResidentialCapacity(string Type, int? Number);
