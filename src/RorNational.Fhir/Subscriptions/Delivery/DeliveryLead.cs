using Marten;
using Npgsql;

namespace RorNational.Fhir.Subscriptions.Delivery;

/// <summary>
/// Which node delivers notifications: the one holding a PostgreSQL session advisory lock on a
/// connection of its own. The lock goes with the connection, so a node that stops or dies
/// releases it and another takes over at its next look; the rows still pending are then its to send.
/// That connection is outside the pool: the store's pooled sessions are not reset when given back
/// (<c>No Reset On Close</c>, see the host's ConnectionStringDefaults), so closing it must end the
/// session, and the lock with it, whatever failed before. A node that does not lead keeps its
/// connection too and asks again on it at its next look, rather than opening a session each time.
/// </summary>
public sealed class DeliveryLead(IDocumentStore store) : IAsyncDisposable
{
    /// <summary>"RORSUB" in ASCII: apart from Marten's and Wolverine's own lock ids.</summary>
    public const long LockId = 0x524F_5253_5542;

    private NpgsqlConnection? _connection;
    private bool _holds;

    /// <summary>Whether this node delivers: it keeps the lock while its connection lives, or takes it if it is free.</summary>
    public async Task<bool> HoldsAsync(CancellationToken cancellation)
    {
        try
        {
            _connection ??= await OpenSessionOfItsOwnAsync(cancellation);
            // The lead checks that its session lives; another node asks for the lock again.
            await using var ask = new NpgsqlCommand(_holds ? "select true" : $"select pg_try_advisory_lock({LockId})", _connection);
            _holds = await ask.ExecuteScalarAsync(cancellation) is true;
            return _holds;
        }
        catch (Exception failure) when (failure is NpgsqlException or InvalidOperationException)
        {
            await DisposeAsync();
            return false;
        }
    }

    /// <summary>A connection to the store's database with its credentials, whose closing ends its session.</summary>
    private async Task<NpgsqlConnection> OpenSessionOfItsOwnAsync(CancellationToken cancellation)
    {
        using var pooled = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        var own = pooled.CloneWith(new NpgsqlConnectionStringBuilder(pooled.ConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await own.OpenAsync(cancellation);
            return own;
        }
        catch
        {
            await own.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is null) return;
        if (_holds)
        {
            try
            {
                // Released by name, so that another node need not wait for this session to end.
                await using var release = new NpgsqlCommand($"select pg_advisory_unlock({LockId})", _connection);
                await release.ExecuteScalarAsync();
            }
            catch (Exception failure) when (failure is NpgsqlException or InvalidOperationException)
            {
                // Broken or not, closing this connection (outside the pool) ends its session, and the lock with it.
            }
        }
        await _connection.DisposeAsync();
        (_connection, _holds) = (null, false);
    }
}
