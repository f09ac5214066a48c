using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using RorNational.Domain.Capacity;
using RorNational.Domain.Common;
using RorNational.Fhir.Errors;
using RorNational.Fhir.Storage;
using RorNational.Offer.Capacity.Answers;
using RorNational.Offer.Capacity.Receipts;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace RorNational.Offer.Capacity.Supplying;

/// <summary>
/// Applies a group of suppliers' requests (<see cref="SupplyCapacityGroup"/>, often a group of one)
/// in one transaction, which Wolverine's transactional middleware commits: the capacity streams
/// of all their lieux are fetched for exclusive writing in a fixed order and in one round trip
/// (<see cref="LieuStreamLocks"/>: two groups on the same lieux wait for each other, never
/// deadlock, and never lose each other's indicators), their receipts and the Locations their
/// If-Match names are loaded in one query each; then each request is decided on its own, entry
/// by entry on the state the previous ones left, its events appended and the receipt of a
/// request with an id written with them. A concurrent write (another group creating the same
/// stream, a description rendering of the same Location, a replay inserting the same receipt)
/// fails the commit: the whole group runs again, a few times, and a replay then answers from
/// the receipt.
/// </summary>
public static class SupplyCapacityHandler
{
    public static void Configure(HandlerChain chain) => chain
        .OnException(IsConcurrentWrite)
        .RetryWithCooldown(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100),
            TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400));

    /// <summary>A commit refused because another transaction wrote the same thing first (<see cref="ConcurrentWrites"/>).</summary>
    public static bool IsConcurrentWrite(Exception exception) => ConcurrentWrites.Is(exception);

    public static async Task<SupplyGroupAnswer> Handle(SupplyCapacityGroup group, IDocumentSession session, TimeProvider clock,
        IOptions<CapacitySupplyOptions> options, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var requests = group.Requests;
        var changes = requests.SelectMany(r => r.Entries).Select(e => e.Change).OfType<LieuChange>().ToList();
        // A fixed order of locks, taken in one round trip: two groups over the same lieux wait for each other, never deadlock.
        var streams = await LieuStreamLocks.FetchAsync(session, changes.Select(c => c.Stream), cancellation);
        // Read once the locks are held: a replay that waited for them sees the receipt its first run committed.
        var receiptIds = requests.Select(r => r.RequestId is { } requestId ? SupplyReceipt.IdOf(r.ClientId, requestId) : null).ToList();
        var receipts = await SupplyReceipt.LoadAsync(session, receiptIds.OfType<string>(), cancellation);
        // The Locations as they are, for the If-Match of the entries that have one; the others'
        // versions are read once rendered (AnswerCompletion): the publication loads them anyway.
        var locations = await AnswerCompletion.LoadAsync(session,
            changes.Where(c => c.ExpectedVersion is not null).Select(c => c.LocationId), cancellation);
        var states = streams.ToDictionary(s => s.Key, s => s.Value.Aggregate);

        var outcomes = new SupplyOutcome[requests.Count];
        var completions = new List<AnswerCompletion.Request>();
        for (var i = 0; i < requests.Count; i++)
        {
            var earlier = receiptIds[i] is { } receiptId ? receipts.GetValueOrDefault(receiptId) : null;
            outcomes[i] = await ApplyAsync(requests[i], receiptIds[i], earlier, streams, states, locations, session, options.Value, now,
                completions, cancellation);
        }
        // One completion for the whole group, once its changes are rendered.
        if (completions.Count > 0) session.Listeners.Add(new AnswerCompletion(completions, locations));
        return new SupplyGroupAnswer(outcomes);
    }

    /// <summary>
    /// One request of the group, decided on the state of its own lieux (no other request of the
    /// group touches them); a request that appended events is completed with the group (<paramref name="completions"/>).
    /// </summary>
    private static async Task<SupplyOutcome> ApplyAsync(SupplyCapacity request, string? receiptId, SupplyReceipt? earlier,
        IReadOnlyDictionary<string, IEventStream<LieuCapacity>> streams, IReadOnlyDictionary<string, LieuCapacity?> states,
        IReadOnlyDictionary<string, LocationDocument> locations, IDocumentSession session, CapacitySupplyOptions options,
        DateTimeOffset now, List<AnswerCompletion.Request> completions, CancellationToken cancellation)
    {
        if (earlier is not null && !earlier.ExpiredAt(now, options.ReceiptLifetime))
            return Replay(earlier, request);

        var decision = SupplyDecision.Decide(request, states, locations, new Actor(request.ClientId), now);
        if (decision.RefusedEntry is { } refused)
            return new SupplyOutcome(new SupplyAnswer { Entries = decision.Answers, RefusedEntry = refused, At = now }, null);

        foreach (var (key, events) in decision.Events) streams[key].AppendMany(events);
        var receipt = receiptId is null
            ? null
            : earlier ?? new SupplyReceipt { Id = receiptId };
        if (receipt is not null)
        {
            receipt.Fingerprint = request.Fingerprint;
            receipt.At = now;
        }
        if (decision.Events.Count == 0)
        {
            // Nothing rendered: the Locations stay as they are.
            await AnswerCompletion.CompleteAsync(session, decision.Answers, [], locations, cancellation);
            if (receipt is not null)
            {
                receipt.Entries = [.. decision.Answers];
                if (earlier is null) session.Insert(receipt);
                else session.Store(receipt);
            }
        }
        else completions.Add(new AnswerCompletion.Request(decision.Answers, receipt, Replacing: earlier is not null));
        return new SupplyOutcome(new SupplyAnswer { Entries = decision.Answers, At = now }, null);
    }

    private static SupplyOutcome Replay(SupplyReceipt receipt, SupplyCapacity request) =>
        receipt.Fingerprint != request.Fingerprint
            ? new SupplyOutcome(null, CommandRejected.Because(RejectionKind.Conflict,
                "this request id was already used by this client for another request; give each request its own id (a retry keeps the id and the body)",
                request.RequestIdSource))
            : new SupplyOutcome(new SupplyAnswer { Entries = receipt.Entries, Replayed = true, At = receipt.At }, null);
}
