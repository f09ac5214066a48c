using Marten;
using Marten.Events;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RorNational.Host.Health;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Hosting;

/// <summary>
/// The readiness check watches every shard the daemon runs (the subscriptions that chain the
/// Provenance and match notifications), not only asynchronous projections, and ignores the
/// progression rows of shards no longer registered (LieuAvailability, whose figures the
/// publication now writes in the change's transaction).
/// </summary>
public sealed class readiness_of_the_daemon : ApiFixture
{
    [Test]
    public async Task a_subscription_that_stopped_behind_the_mark_makes_the_node_unready()
    {
        await Client.Register(Requests.Registration());
        await App.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var clock = new FixedClock(DateTimeOffset.UtcNow);
        var check = new EventStoreReadinessCheck(App.Store, clock);

        // A shard left by an older version, far behind: not registered, so not watched.
        await Progression("insert into ror.mt_event_progression (name, last_seq_id) values ('LieuAvailability:All', 0) on conflict (name) do update set last_seq_id = 0");
        Assert.That((await check.CheckHealthAsync(new HealthCheckContext())).Status, Is.EqualTo(HealthStatus.Healthy));
        clock.Now += TimeSpan.FromMinutes(2);
        Assert.That((await check.CheckHealthAsync(new HealthCheckContext())).Status, Is.EqualTo(HealthStatus.Healthy), "an unregistered shard is ignored");

        // The chaining subscription seen behind the mark, not moving for longer than the tolerance.
        await Progression("update ror.mt_event_progression set last_seq_id = 0 where name = 'ProvenanceChaining:All'");
        Assert.That((await check.CheckHealthAsync(new HealthCheckContext())).Status, Is.EqualTo(HealthStatus.Healthy), "behind, but just seen");
        clock.Now += EventStoreReadinessCheck.StallTolerance + TimeSpan.FromSeconds(1);
        var stalled = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.That(stalled.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(stalled.Description, Does.Contain("ProvenanceChaining:All").And.Not.Contain("LieuAvailability"));
    }

    private async Task Progression(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
