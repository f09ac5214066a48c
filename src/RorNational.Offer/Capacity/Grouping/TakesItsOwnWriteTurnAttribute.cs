namespace RorNational.Offer.Capacity.Grouping;

/// <summary>
/// Marks a write route that the host's write gate lets through without a turn: it takes its turn
/// itself (<see cref="IWriteTurns"/>) once its request is read and checked, and may apply it in
/// a group with others (<see cref="SupplyGroups"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TakesItsOwnWriteTurnAttribute : Attribute;
