using System.Collections.Concurrent;

namespace RorNational.Fhir.Availability.Live;

/// <summary>
/// This node's signal that the availability data changed: <see cref="AvailabilityChangePoller"/>
/// raises it, each open stream (<see cref="AvailabilityChangesEndpoint"/>) waits on it. It
/// carries nothing but the fact, and it coalesces without losing any: a stream remembers the
/// <see cref="Version"/> it last told, so changes that come while it writes make one more
/// "changed", never a queue. It also counts the open
/// streams (all, and per client) so that a node bounds them, and so that the poller reads the
/// database only while someone listens.
/// </summary>
public sealed class AvailabilityChanges
{
    private TaskCompletionSource _next = NewChange();
    private readonly ConcurrentDictionary<string, int> _perClient = new(StringComparer.Ordinal);
    private long _version;
    private int _streams;

    /// <summary>How many changes this node has seen: a stream remembers the one it last told.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The streams open on this node now.</summary>
    public int Streams => Volatile.Read(ref _streams);

    /// <summary>Completes at once if a change came after <paramref name="version"/>, else at the next change.</summary>
    public Task ChangeAfter(long version)
    {
        var next = Volatile.Read(ref _next).Task;
        return Version != version ? Task.CompletedTask : next;
    }

    public void Raise()
    {
        Interlocked.Increment(ref _version);
        Interlocked.Exchange(ref _next, NewChange()).TrySetResult();
    }

    /// <summary>Counts a new stream of this client, or says which limit refuses it.</summary>
    public StreamAdmission Admit(string clientId, LiveOptions limits)
    {
        if (Interlocked.Increment(ref _streams) > limits.MaxStreams)
        {
            Interlocked.Decrement(ref _streams);
            return StreamAdmission.NodeFull;
        }
        if (_perClient.AddOrUpdate(clientId, 1, (_, open) => open + 1) > limits.MaxStreamsPerClient)
        {
            Release(clientId);
            return StreamAdmission.ClientFull;
        }
        return StreamAdmission.Admitted;
    }

    public void Release(string clientId)
    {
        _perClient.AddOrUpdate(clientId, 0, (_, open) => open - 1);
        _perClient.TryRemove(new KeyValuePair<string, int>(clientId, 0));
        Interlocked.Decrement(ref _streams);
    }

    private static TaskCompletionSource NewChange() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

public enum StreamAdmission
{
    Admitted,
    /// <summary>The node has <see cref="LiveOptions.MaxStreams"/> open.</summary>
    NodeFull,
    /// <summary>The client has <see cref="LiveOptions.MaxStreamsPerClient"/> open on this node.</summary>
    ClientFull,
}
