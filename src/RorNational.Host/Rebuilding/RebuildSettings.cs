namespace RorNational.Host.Rebuilding;

/// <param name="BatchSize">Events replayed, then written, together (a batch never splits what one transaction appended to a stream).</param>
/// <param name="WindowSize">Events read before they are packed into batches (<see cref="RorNational.Fhir.Rebuilding.PackedBatches"/>): the larger, the fewer batches, the more memory.</param>
/// <param name="PageSize">Events read from the store per query.</param>
/// <param name="LockTimeout">How long to wait for writes in flight before refusing (<see cref="WriteLock"/>).</param>
/// <param name="CommandTimeout">Time allowed to each statement of the rebuild (the deletions of a national publication take a while).</param>
public sealed record RebuildSettings(int BatchSize, int WindowSize, int PageSize, TimeSpan LockTimeout, TimeSpan CommandTimeout)
{
    public static RebuildSettings Default { get; } = new(1000, 20_000, 2000, TimeSpan.FromSeconds(10), TimeSpan.FromHours(1));
}
