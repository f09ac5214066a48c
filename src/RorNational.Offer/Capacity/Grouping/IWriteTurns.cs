namespace RorNational.Offer.Capacity.Grouping;

/// <summary>
/// The turns of the writes this process applies at once (the host's write gate): a write holds
/// one while it runs, and waits for one in order of arrival. Each write request is read under a
/// turn of its own (<see cref="IHeldWriteTurn"/>); a group of capacity requests is applied under one more.
/// </summary>
public interface IWriteTurns
{
    /// <summary>
    /// A turn, released when disposed. Throws the gate's refusal (503, nothing applied) when the
    /// queue of writes is full, when none came within the gate's wait, or when the database was
    /// just found unavailable; throws <see cref="OperationCanceledException"/> when <paramref name="aborted"/> is cancelled.
    /// </summary>
    Task<IDisposable> TakeAsync(CancellationToken aborted);
}
