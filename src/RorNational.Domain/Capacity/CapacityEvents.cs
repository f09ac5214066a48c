using RorNational.Domain.Common;

namespace RorNational.Domain.Capacity;

// Capacity streams: one per lieu ("capacity-<FINESS of the EG>-<lieu fiche id>", see
// CapacityStreams), never the EG's: capacity must not contend with the description.
// Each event says which supplier client sent it (By), when it was received (At), and the
// request it came in (X-Request-Id or Bundle.identifier, when the supplier gave one).
// Stored names are pinned in EventCatalogue: never rename one.

/// <summary>A new indicator (the supplier's "add"): no indicator of its key existed.</summary>
public sealed record CapacityIndicatorAdded(CapacityIndicator Indicator, Actor By, DateTimeOffset At, string? RequestId) : IDomainEvent;

/// <summary>The indicator of this key now holds these values (the supplier's "replace").</summary>
public sealed record CapacityIndicatorReplaced(CapacityIndicator Indicator, Actor By, DateTimeOffset At, string? RequestId) : IDomainEvent;

/// <summary>The indicator of this key no longer exists (the supplier's "delete"; a count of 0 is not a delete).</summary>
public sealed record CapacityIndicatorDeleted(CapacityKey Key, Actor By, DateTimeOffset At, string? RequestId) : IDomainEvent;

/// <summary>
/// A replace whose source date is older than the indicator's current one: suppliers retry and
/// deliver out of order. Recorded, as everything a supplier sent, but the newer values stay.
/// </summary>
public sealed record OutdatedCapacityChangeRecorded(
    CapacityIndicator Indicator, DateTimeOffset CurrentSourceDate, Actor By, DateTimeOffset At, string? RequestId) : IDomainEvent;
