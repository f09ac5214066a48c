using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RorNational.Fhir.Errors;
using RorNational.Offer.Capacity.Supplying;
using Wolverine;

namespace RorNational.Offer.Capacity.Grouping;

/// <summary>
/// Group commit of suppliers' requests. Each request is read and checked under the write turn the
/// gate gave it, gives that turn back (<see cref="IHeldWriteTurn"/>) and waits for another
/// (<see cref="IWriteTurns"/>, in order of arrival, behind the requests still waiting to be read):
/// the gate's bound on the writes at once holds for reading and applying alike. The request that gets one
/// applies, in one transaction (<see cref="SupplyCapacityHandler"/>), itself and the requests
/// waiting behind it, in their order, up to <see cref="CapacitySupplyOptions.MaxGroupEntries"/>
/// entries, leaving for a later turn any that touches a lieu, a Location or a request id already
/// in the group: each request is decided exactly as if it ran alone. A request a group took
/// stops waiting for a turn and gets its answer when the group commits. When every hospital
/// pushes at once, a transaction's fixed costs (locks, loads, the publication's statements,
/// the commit) are shared by the requests that queued meanwhile; alone, a request runs alone as
/// before. Should a group fail as a whole (anything but one request's own refusal), each of its
/// requests runs again alone, so that one request's failure is never another's.
/// </summary>
public sealed class SupplyGroups(IWriteTurns turns, IOptions<CapacitySupplyOptions> options, ILogger<SupplyGroups> logger)
{
    /// <summary>How long a group may take, lock waits and retries included.</summary>
    private static readonly TimeSpan GroupTimeout = TimeSpan.FromMinutes(2);

    private readonly object _lock = new();
    private readonly LinkedList<PendingSupply> _waiting = new();

    /// <summary>
    /// Applies a request, alone or in a group, once a write turn comes. Once a group has taken
    /// it, the request is applied or refused whatever its caller does meanwhile: its answer is
    /// never "nothing applied" when something was.
    /// </summary>
    /// <param name="bus">The caller's bus, through which this request applies the group it leads.</param>
    /// <param name="held">The turn the request was read under, given back now (none outside an HTTP request).</param>
    public async Task<SupplyAnswer> ApplyAsync(SupplyCapacity request, IMessageBus bus, IHeldWriteTurn? held, CancellationToken aborted)
    {
        using var pending = new PendingSupply(request);
        lock (_lock) _waiting.AddLast(pending.Node);
        held?.Release();
        IDisposable turn;
        try
        {
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(aborted, pending.Taken);
            turn = await turns.TakeAsync(waiting.Token);
        }
        catch (Exception) when (pending.WasTaken || !Withdraw(pending))
        {
            // A group took it while it waited: its answer comes from there.
            return await pending.Answer;
        }
        using (turn)
        {
            if (Gather(pending) is { } group) await RunAsync(group, bus);
        }
        return await pending.Answer;
    }

    /// <summary>Leaves the queue; false when a group took the request first.</summary>
    private bool Withdraw(PendingSupply pending)
    {
        lock (_lock)
        {
            if (pending.Node.List is null) return false;
            _waiting.Remove(pending.Node);
            return true;
        }
    }

    /// <summary>The group this turn applies: the leader, then the requests waiting that fit; null when a group took the leader first.</summary>
    private List<PendingSupply>? Gather(PendingSupply leader)
    {
        var group = new List<PendingSupply> { leader };
        lock (_lock)
        {
            if (leader.Node.List is null) return null;
            _waiting.Remove(leader.Node);
            var claims = new HashSet<string>(leader.Claims, StringComparer.Ordinal);
            var entries = leader.Entries;
            var limit = options.Value.MaxGroupEntries;
            for (var node = _waiting.First; node is not null && entries < limit;)
            {
                var next = node.Next;
                var candidate = node.Value;
                if (entries + candidate.Entries <= limit && !candidate.Claims.Overlaps(claims))
                {
                    _waiting.Remove(node);
                    group.Add(candidate);
                    claims.UnionWith(candidate.Claims);
                    entries += candidate.Entries;
                }
                node = next;
            }
        }
        // Outside the lock: their waits for a turn of their own end now.
        foreach (var member in group.Skip(1)) member.MarkTaken();
        return group;
    }

    private async Task RunAsync(List<PendingSupply> group, IMessageBus bus)
    {
        try
        {
            var answer = await bus.InvokeAsync<SupplyGroupAnswer>(new SupplyCapacityGroup([.. group.Select(p => p.Request)]), CancellationToken.None, GroupTimeout);
            for (var i = 0; i < group.Count; i++) group[i].Complete(answer.Outcomes[i]);
        }
        catch (Exception failure) when (group.Count > 1 && DatabaseUnavailable.AsRefusal(failure) is null)
        {
            logger.LogWarning(failure, "A group of {Requests} capacity requests failed as a whole; each runs again alone", group.Count);
            foreach (var member in group) await RunAsync([member], bus);
        }
        catch (Exception failure)
        {
            // Each member's request fails with it through the write gate, which reports an unavailable database.
            foreach (var member in group) member.Fail(failure);
        }
    }
}
