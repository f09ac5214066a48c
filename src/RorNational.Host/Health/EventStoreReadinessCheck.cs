using System.Collections.Concurrent;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RorNational.Host.Health;

/// <summary>
/// Ready when PostgreSQL answers and no shard the daemon runs (the subscriptions that chain the
/// Provenance and match notifications, any asynchronous projection) is stalled: one that lags
/// the event store's high-water mark and has not moved for <see cref="StallTolerance"/>. The
/// progression rows of shards no longer registered are not watched.
/// </summary>
public sealed class EventStoreReadinessCheck(IDocumentStore store, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan StallTolerance = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (long Sequence, DateTimeOffset Since)> _lastSeen = new();

    /// <summary>The shards the daemon runs, as Marten names them in its progression table ("ProvenanceChaining:All"): fixed once the store is built.</summary>
    private readonly HashSet<string> _shards = ((StoreOptions)store.Options).Projections.AllShards().Select(s => s.Name.Identity).ToHashSet();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellation = default)
    {
        try
        {
            var progress = await store.Advanced.AllProjectionProgress(token: cancellation);
            var highWaterMark = progress.FirstOrDefault(p => p.ShardName == "HighWaterMark")?.Sequence ?? 0;
            var now = clock.GetUtcNow();
            var stalled = progress
                .Where(p => _shards.Contains(p.ShardName) && p.Sequence < highWaterMark && IsStalled(p.ShardName, p.Sequence, now))
                .Select(p => p.ShardName)
                .ToList();
            return stalled.Count == 0
                ? HealthCheckResult.Healthy($"event store at sequence {highWaterMark}")
                : HealthCheckResult.Unhealthy($"projections not advancing: {string.Join(", ", stalled)}");
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("the event store database does not answer", exception);
        }
    }

    private bool IsStalled(string shard, long sequence, DateTimeOffset now)
    {
        var seen = _lastSeen.AddOrUpdate(shard, (sequence, now), (_, previous) => previous.Sequence == sequence ? previous : (sequence, now));
        return now - seen.Since > StallTolerance;
    }
}
