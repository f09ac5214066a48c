using System.Collections.Concurrent;

namespace RorNational.Fhir.Availability.Live;

/// <summary>
/// This node's signal that the availability data changed: <see cref="AvailabilityChangePoller"/>
/// raises it, each open stream (<see cref="AvailabilityChangesEndpoint"/>) waits on it. It
/// carries nothing but the fact, and it coalesces: a stream that is busy writing when two
/// changes come sends one "changed", so no client ever has a queue. It also counts the open
/// streams (all, and per client) so that a node bounds them, and so that the poller reads the
/// database only while someone listens.
/// </summary>
public sealed class AvailabilityChanges
{
    private TaskCompletionSource _next = NewChange();
    private readonly ConcurrentDictionary<string, int> _perClient = new(StringComparer.Ordinal);
    private int _streams;

    /// <summary>Completes at the next change after it was read; read it before waiting, then wait on it.</summary>
    public Task NextChange => Volatile.Read(ref _next).Task;

    /// <summary>The streams open on this node now.</summary>
    public int Streams => Volatile.Read(ref _streams);

    public void Raise() => Interlocked.Exchange(ref _next, NewChange()).TrySetResult();

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
