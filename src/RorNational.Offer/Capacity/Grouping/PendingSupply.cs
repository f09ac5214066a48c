using RorNational.Offer.Capacity.Receipts;
using RorNational.Offer.Capacity.Supplying;

namespace RorNational.Offer.Capacity.Grouping;

/// <summary>
/// A request waiting for its write turn (<see cref="SupplyGroups"/>): what it claims (its lieux'
/// streams, their Locations, its receipt) so that a group never holds two requests that touch
/// the same thing, and its answer once a group has applied it. <see cref="Taken"/> is cancelled
/// when a group takes it: the request then stops waiting for a turn of its own.
/// </summary>
public sealed class PendingSupply : IDisposable
{
    private readonly TaskCompletionSource<SupplyAnswer> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _taken = new();

    public PendingSupply(SupplyCapacity request)
    {
        Request = request;
        Node = new LinkedListNode<PendingSupply>(this);
        var changes = request.Entries.Select(e => e.Change).OfType<LieuChange>().ToList();
        Claims = [.. changes.Select(c => "stream " + c.Stream), .. changes.Select(c => "Location " + c.LocationId)];
        if (request.RequestId is { } requestId) Claims.Add("receipt " + SupplyReceipt.IdOf(request.ClientId, requestId));
    }

    public SupplyCapacity Request { get; }

    /// <summary>Its place in the queue of requests waiting; not in any list once a group took it or it withdrew.</summary>
    public LinkedListNode<PendingSupply> Node { get; }

    public HashSet<string> Claims { get; }

    public int Entries => Request.Entries.Count;

    public CancellationToken Taken => _taken.Token;

    public bool WasTaken => _taken.IsCancellationRequested;

    public Task<SupplyAnswer> Answer => _answer.Task;

    /// <summary>Called outside the queue's lock: cancelling runs the callbacks of the turn this request was waiting for.</summary>
    public void MarkTaken() => _taken.Cancel();

    public void Complete(SupplyOutcome outcome)
    {
        if (outcome.Answer is { } answer) _answer.TrySetResult(answer);
        else _answer.TrySetException(outcome.Refusal!);
    }

    public void Fail(Exception failure) => _answer.TrySetException(failure);

    public void Dispose() => _taken.Dispose();
}
