using RorNational.Domain.Common;

namespace RorNational.Offer.Capacity.Supplying;

/// <summary>
/// Suppliers' requests applied in one transaction (<see cref="SupplyCapacityHandler"/>), in
/// order: those that waited for the same write turn (<see cref="Grouping.SupplyGroups"/>). No two of
/// them touch the same lieu, the same Location or the same request id, so each is decided as if
/// it were alone; they share the transaction's fixed costs (locks, loads, projection, commit).
/// </summary>
public sealed record SupplyCapacityGroup(IReadOnlyList<SupplyCapacity> Requests);

/// <summary>Each request's answer, in the order of the group; a request refused whole carries its refusal instead.</summary>
public sealed record SupplyGroupAnswer(IReadOnlyList<SupplyOutcome> Outcomes);

/// <summary>A request's answer, or the refusal of the request as a whole (a request id reused for another request).</summary>
public sealed record SupplyOutcome(SupplyAnswer? Answer, CommandRejected? Refusal);
