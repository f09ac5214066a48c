namespace RorNational.Host.Overload;

/// <summary>
/// The places of the <see cref="WriteGate"/>: at most <c>whileReading</c> writes at once while a
/// read or search is being served, at most <c>unread</c> while none is, so that writes take the
/// cores the reads leave and give them back as soon as a read comes. The writes that find no
/// place wait in order of arrival: a newcomer never passes a waiting write, and a write waiting
/// gets the place a read frees as well as one a write frees. A place taken is kept until its
/// write ends (a write is never stopped for a read: a read that comes meanwhile shares the cores
/// with the writes already running, for at most the rest of one write).
/// </summary>
public sealed class WritePlaces(int whileReading, int unread, int queueLimit)
{
    private readonly object _lock = new();
    private readonly LinkedList<TaskCompletionSource> _waiting = new();
    private int _writing;
    private int _reading;

    /// <summary>A place, at once or once the writes waiting before this one have theirs; null when the queue is full.</summary>
    public async Task<IDisposable?> TakeAsync(CancellationToken waited)
    {
        LinkedListNode<TaskCompletionSource> node;
        lock (_lock)
        {
            if (_waiting.Count == 0 && _writing < Limit)
            {
                _writing++;
                return new Place(this);
            }
            if (_waiting.Count >= queueLimit) return null;
            node = _waiting.AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }
        await using (waited.Register(() => GiveUp(node, waited)))
            await node.Value.Task;
        return new Place(this);
    }

    /// <summary>A read or search starts: until it ends, writes take no more than the places kept for writes while reading.</summary>
    public IDisposable Reading()
    {
        Interlocked.Increment(ref _reading);
        return new Read(this);
    }

    private int Limit => Volatile.Read(ref _reading) > 0 ? whileReading : unread;

    private void GiveUp(LinkedListNode<TaskCompletionSource> node, CancellationToken waited)
    {
        lock (_lock)
        {
            // Granted meanwhile: the write goes on with its place (and frees it when done).
            if (node.List is null) return;
            _waiting.Remove(node);
        }
        node.Value.TrySetCanceled(waited);
    }

    private void Release()
    {
        lock (_lock)
        {
            _writing--;
            Grant();
        }
    }

    private void ReadEnded()
    {
        if (Interlocked.Decrement(ref _reading) > 0) return;
        lock (_lock) Grant();
    }

    /// <summary>Under the lock: the places free now go to the oldest writes waiting.</summary>
    private void Grant()
    {
        while (_waiting.First is { } first && _writing < Limit)
        {
            _waiting.RemoveFirst();
            _writing++;
            first.Value.TrySetResult();
        }
    }

    private sealed class Place(WritePlaces places) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) places.Release();
        }
    }

    private sealed class Read(WritePlaces places) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0) places.ReadEnded();
        }
    }
}
