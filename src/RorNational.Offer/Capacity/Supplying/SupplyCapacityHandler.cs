using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Exceptions;
using Microsoft.Extensions.Options;
using Npgsql;
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
/// Applies a supplier's request in one transaction, which Wolverine's transactional middleware
/// commits: the capacity streams of its lieux are fetched for exclusive writing in a fixed
/// order and in one round trip (<see cref="LieuStreamLocks"/>: two requests on the same lieux wait
/// for each other, never deadlock, and never lose each other's indicators), each entry is
/// decided on the state the previous ones left, the events are appended, and the receipt of a request with an id is written with them.
/// A concurrent write (another request creating the same stream, a description rendering of
/// the same Location, a replay inserting the same receipt) fails the commit: the whole request
/// runs again, a few times, and a replay then answers from the receipt.
/// </summary>
public static class SupplyCapacityHandler
{
    public static void Configure(HandlerChain chain) => chain
        .OnException(IsConcurrentWrite)
        .RetryWithCooldown(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100),
            TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400));

    /// <summary>A commit refused because another transaction wrote the same thing first (<see cref="ConcurrentWrites"/>).</summary>
    public static bool IsConcurrentWrite(Exception exception) => ConcurrentWrites.Is(exception);

    public static async Task<SupplyAnswer> Handle(SupplyCapacity command, IDocumentSession session, TimeProvider clock,
        IOptions<CapacitySupplyOptions> options, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var changes = command.Entries.Select(e => e.Change).OfType<LieuChange>().ToList();
        // A fixed order of locks, taken in one round trip: two bundles over the same lieux wait for each other, never deadlock.
        var streams = await LieuStreamLocks.FetchAsync(session, changes.Select(c => c.Stream), cancellation);
        // Read once the locks are held: a replay that waited for them sees the receipt its first run committed.
        var receiptId = command.RequestId is { } requestId ? SupplyReceipt.IdOf(command.ClientId, requestId) : null;
        var earlier = receiptId is null ? null : await session.LoadAsync<SupplyReceipt>(receiptId, cancellation);
        if (earlier is not null && !earlier.ExpiredAt(now, options.Value.ReceiptLifetime))
            return Replay(earlier, command);
        // The Locations as they are, for the If-Match of the entries that have one; the others'
        // versions are read once rendered (AnswerCompletion): the publication loads them anyway.
        var locations = await AnswerCompletion.LoadAsync(session,
            changes.Where(c => c.ExpectedVersion is not null).Select(c => c.LocationId), cancellation);

        var decision = SupplyDecision.Decide(command, streams.ToDictionary(s => s.Key, s => s.Value.Aggregate), locations,
            new Actor(command.ClientId), now);
        if (decision.RefusedEntry is { } refused)
            return new SupplyAnswer { Entries = decision.Answers, RefusedEntry = refused, At = now };

        foreach (var (key, events) in decision.Events) streams[key].AppendMany(events);
        var receipt = receiptId is null
            ? null
            : earlier ?? new SupplyReceipt { Id = receiptId };
        if (receipt is not null)
        {
            receipt.Fingerprint = command.Fingerprint;
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
        else session.Listeners.Add(new AnswerCompletion(decision.Answers, locations, receipt, replacing: earlier is not null));
        return new SupplyAnswer { Entries = decision.Answers, At = now };
    }

    private static SupplyAnswer Replay(SupplyReceipt receipt, SupplyCapacity command)
    {
        if (receipt.Fingerprint != command.Fingerprint)
            throw CommandRejected.Because(RejectionKind.Conflict,
                "this request id was already used by this client for another request; give each request its own id (a retry keeps the id and the body)",
                command.RequestIdSource);
        return new SupplyAnswer { Entries = receipt.Entries, Replayed = true, At = receipt.At };
    }
}
