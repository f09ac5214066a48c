using RorNational.Domain.Capacity;
using RorNational.Domain.Common;
using RorNational.Fhir.Storage;
using RorNational.Offer.Capacity.Answers;

namespace RorNational.Offer.Capacity.Supplying;

/// <summary>
/// What a request changes, decided on the current state of its lieux with no I/O: each entry
/// in order, on the state the entries before it left (two entries on one lieu see each other).
/// An entry's If-Match is compared with its Location's version before the request. In a
/// transaction the first refusal refuses everything; in a batch it refuses its entry only.
/// </summary>
public sealed record SupplyDecision(IReadOnlyList<EntryAnswer> Answers, IReadOnlyDictionary<string, List<object>> Events, int? RefusedEntry)
{
    public static SupplyDecision Decide(SupplyCapacity command, IReadOnlyDictionary<string, LieuCapacity?> states,
        IReadOnlyDictionary<string, LocationDocument> locations, Actor by, DateTimeOffset now)
    {
        var current = new Dictionary<string, LieuCapacity?>(states, StringComparer.Ordinal);
        var events = new Dictionary<string, List<object>>(StringComparer.Ordinal);
        var answers = new EntryAnswer[command.Entries.Count];
        for (var i = 0; i < command.Entries.Count; i++)
        {
            var entry = command.Entries[i];
            EntryAnswer answer;
            if (entry.Change is not { } change) answer = entry.Refused!;
            else
                try
                {
                    CheckIfMatch(change, locations.GetValueOrDefault(change.LocationId));
                    var decided = CapacityDecisions.Decide(current[change.Stream], change.Operations, by, now, command.RequestId);
                    current[change.Stream] = decided.Aggregate(current[change.Stream], (state, e) => LieuCapacity.Evolve(state, change.Stream, e));
                    (events.TryGetValue(change.Stream, out var list) ? list : events[change.Stream] = []).AddRange(decided);
                    answer = EntryAnswers.Applied(change.LocationId, decided);
                }
                catch (Exception refusal) when (refusal is CapacityChangeRefused or CommandRejected)
                {
                    answer = EntryAnswers.Refused(refusal)!;
                }
            answers[i] = answer;
            if (!answer.Applied && command.AllOrNothing)
                return new SupplyDecision(answers.Select(a => a ?? new EntryAnswer()).ToList(), new Dictionary<string, List<object>>(), i);
        }
        return new SupplyDecision(answers, events, null);
    }

    /// <summary>If-Match names the version of the Location the supplier last read: another one is a 412.</summary>
    private static void CheckIfMatch(LieuChange change, LocationDocument? location)
    {
        if (change.ExpectedVersion is { } expected && expected != location?.Version)
            throw CommandRejected.Because(RejectionKind.PreconditionFailed,
                $"Location/{change.LocationId} is no longer at version {expected}; read it again and retry", "If-Match");
    }
}
