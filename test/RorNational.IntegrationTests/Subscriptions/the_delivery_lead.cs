using Marten;
using Npgsql;
using RorNational.Fhir.Subscriptions.Delivery;
using RorNational.Host;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Subscriptions;

/// <summary>
/// The node that delivers notifications holds a session advisory lock on a connection outside the
/// store's pool (<see cref="DeliveryLead"/>): the pool does not reset the sessions given back to
/// it (<see cref="ConnectionStringDefaults"/>), so a lock left on a pooled session would outlive
/// its lead. Giving the lead up ends that session; another node then takes the lead.
/// </summary>
public sealed class the_delivery_lead
{
    [Test]
    public async Task is_held_by_one_node_on_a_session_that_ends_with_it()
    {
        var connectionString = await TestPostgres.CreateDatabase(nameof(the_delivery_lead));
        // The test's own questions on sessions that end with them: only the leads' stay open.
        var asking = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        try
        {
            using var store = DocumentStore.For(options => options.Connection(ConnectionStringDefaults.Apply(connectionString)));
            var first = new DeliveryLead(store);
            var second = new DeliveryLead(store);
            Assert.That(await first.HoldsAsync(CancellationToken.None), Is.True, "a free lead is taken");
            var holder = await HolderAsync(asking);
            Assert.That(holder, Is.Not.Null, "the lock is held");
            Assert.That(await second.HoldsAsync(CancellationToken.None), Is.False, "another node does not deliver meanwhile");
            Assert.That(await second.HoldsAsync(CancellationToken.None), Is.False, "nor at its next look");
            Assert.That(await first.HoldsAsync(CancellationToken.None), Is.True, "the lead keeps it");
            Assert.That(await SessionsAsync(asking), Is.EqualTo(2), "a session per node, kept from one look to the next");

            await first.DisposeAsync();

            Assert.That(await SessionEndsAsync(asking, holder!.Value), Is.True, "the lead's session ended, not given back to a pool");
            Assert.That(await second.HoldsAsync(CancellationToken.None), Is.True, "another node takes the lead");
            await second.DisposeAsync();
            Assert.That(await HolderAsync(asking), Is.Null, "nobody holds it once both gave it up");
        }
        finally
        {
            await TestPostgres.DropDatabase(connectionString);
        }
    }

    private static async Task<int?> HolderAsync(string connectionString) =>
        (await Sql.Rows(connectionString,
            "select pid from pg_locks where locktype = 'advisory' and granted and objsubid = 1 " +
            "and ((classid::bigint << 32) | objid::bigint) = $1 and database = (select oid from pg_database where datname = current_database())",
            row => (int?)row.GetInt32(0), DeliveryLead.LockId)).SingleOrDefault();

    /// <summary>The sessions open on the test's database, the one asking apart.</summary>
    private static Task<long> SessionsAsync(string connectionString) =>
        Sql.Scalar<long>(connectionString, "select count(*) from pg_stat_activity where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()");

    private static async Task<bool> SessionEndsAsync(string connectionString, int pid)
    {
        for (var waited = 0; waited < 50; waited++)
        {
            if (await Sql.Scalar<long>(connectionString, "select count(*) from pg_stat_activity where pid = $1", pid) == 0) return true;
            await Task.Delay(100);
        }
        return false;
    }
}
