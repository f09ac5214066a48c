using Marten;
using Npgsql;

namespace RorNational.Fhir.Availability.Live;

/// <summary>
/// What moves whenever the availability data change. TODO(core merge): the projection's progression and the placements' last modification.
/// </summary>
public sealed class AvailabilityWatermark(IDocumentStore store)
{
    public sealed record Reading(long Progression, DateTimeOffset? PlacementsModified);

    private readonly string _sql =
        $"select coalesce((select max(last_seq_id) from {store.Options.Events.DatabaseSchemaName}.mt_event_progression where name like 'Availability%'), 0)";

    public async Task<Reading> ReadAsync(CancellationToken cancellation)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(_sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        return new Reading(reader.GetInt64(0), null);
    }
}
