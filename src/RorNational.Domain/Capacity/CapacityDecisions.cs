using RorNational.Domain.Common;

namespace RorNational.Domain.Capacity;

/// <summary>
/// Decides what a supplier's operations on one lieu record, in order, each seeing the effect
/// of the ones before it:
/// - add: a new key; an existing key is refused (the supplier replaces it);
/// - replace: an existing key; a missing one is 404 (the supplier then adds it); a record whose
///   source date is older than the current one is recorded as outdated and not applied
///   (suppliers retry and deliver out of order); the same record again records nothing;
/// - delete: an existing key; a missing one is 404.
/// A lieu holds beds or places, not both: a record of the other nature is refused. A source
/// date ahead of the time received (beyond clock skew) is refused: it would make every later
/// change look outdated.
/// </summary>
public static class CapacityDecisions
{
    /// <summary>How far ahead of the time received a source date may be (clocks differ).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private const string Collection =
        "Location.extension.where(url='https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-location-supported-capacity')";
    private const string Record = "Location.extension('https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-location-supported-capacity')";

    public static IReadOnlyList<IDomainEvent> Decide(
        LieuCapacity? state, IReadOnlyList<CapacityOperation> operations, Actor by, DateTimeOffset at, string? requestId)
    {
        var current = state ?? new LieuCapacity("");
        var events = new List<IDomainEvent>();
        foreach (var operation in operations)
        {
            var decided = Decide(current, operation, by, at, requestId);
            if (decided is null) continue;
            events.Add(decided);
            current = LieuCapacity.Evolve(current, current.Id, decided);
        }
        return events;
    }

    private static IDomainEvent? Decide(LieuCapacity state, CapacityOperation operation, Actor by, DateTimeOffset at, string? requestId)
    {
        switch (operation.Kind)
        {
            case CapacityOperationKind.Add:
                var added = operation.Value!;
                if (state.Find(added.Key) is not null)
                    throw Refused(CapacityRefusalKind.BusinessRule, $"an indicator {added.Key} exists already: replace it", Record);
                CheckRecord(state, added, at);
                return new CapacityIndicatorAdded(added, by, at, requestId);
            case CapacityOperationKind.Replace:
                var existing = Existing(state, operation.Selector!);
                var replacing = operation.Value!;
                CheckRecord(state, replacing, at);
                if (replacing == existing) return null;
                return replacing.SourceDate < existing.SourceDate
                    ? new OutdatedCapacityChangeRecorded(replacing, existing.SourceDate, by, at, requestId)
                    : new CapacityIndicatorReplaced(replacing, by, at, requestId);
            default:
                return new CapacityIndicatorDeleted(Existing(state, operation.Selector!).Key, by, at, requestId);
        }
    }

    private static CapacityIndicator Existing(LieuCapacity state, CapacityKey key) =>
        state.Find(key) ?? throw Refused(CapacityRefusalKind.IndicatorNotFound,
            $"no indicator of this lieu matches {key}: add it", Collection);

    private static void CheckRecord(LieuCapacity state, CapacityIndicator record, DateTimeOffset at)
    {
        if (record.SourceDate > at + ClockSkew)
            throw Refused(CapacityRefusalKind.Invalid,
                $"capacityUpdateDate {record.SourceDate:O} is ahead of the time received ({at:O}): send the date the source recorded the change",
                Record + ".extension('capacityUpdateDate')");
        var other = state.Indicators.FirstOrDefault(i => i.Key != record.Key && i.CapacityType != record.CapacityType);
        if (other is not null)
            throw Refused(CapacityRefusalKind.BusinessRule,
                $"Indicator {record.Key}: capacityType {record.CapacityType} is not the nature of this lieu's records ({other.CapacityType})",
                Record + ".extension('capacityType')");
    }

    private static CapacityChangeRefused Refused(CapacityRefusalKind kind, string diagnostics, string expression) =>
        CapacityChangeRefused.Because(kind, diagnostics, expression);
}
