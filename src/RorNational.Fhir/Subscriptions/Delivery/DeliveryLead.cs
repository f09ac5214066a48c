using Marten;
using Npgsql;

namespace RorNational.Fhir.Subscriptions.Delivery;

/// <summary>
/// Which node delivers notifications: the one holding a PostgreSQL session advisory lock on a
/// connection of its own. The lock goes with the connection, so a node that stops or dies
/// releases it and another takes over at its next look; the rows still pending are then its to send.
/// </summary>
public sealed class DeliveryLead(IDocumentStore store) : IAsyncDisposable
{
    /// <summary>"RORSUB" in ASCII: apart from Marten's and Wolverine's own lock ids.</summary>
    public const long LockId = 0x524F_5253_5542;

    private NpgsqlConnection? _connection;

    /// <summary>Whether this node delivers: it keeps the lock while its connection lives, or takes it if it is free.</summary>
    public async Task<bool> HoldsAsync(CancellationToken cancellation)
    {
        try
        {
            if (_connection is not null)
            {
                await using var alive = new NpgsqlCommand("select 1", _connection);
                await alive.ExecuteScalarAsync(cancellation);
                return true;
            }
            var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
            await connection.OpenAsync(cancellation);
            await using var take = new NpgsqlCommand($"select pg_try_advisory_lock({LockId})", connection);
            if (await take.ExecuteScalarAsync(cancellation) is true)
            {
                _connection = connection;
                return true;
            }
            await connection.DisposeAsync();
            return false;
        }
        catch (Exception failure) when (failure is NpgsqlException or InvalidOperationException)
        {
            await DisposeAsync();
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is null) return;
        try
        {
            // A pooled connection keeps its session locks until it is reset: released here, explicitly.
            await using var release = new NpgsqlCommand($"select pg_advisory_unlock({LockId})", _connection);
            await release.ExecuteScalarAsync();
        }
        catch (Exception failure) when (failure is NpgsqlException or InvalidOperationException)
        {
            // The connection is broken: its session, and the lock with it, is gone.
        }
        await _connection.DisposeAsync();
        _connection = null;
    }
}
