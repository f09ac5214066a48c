using Marten;
using Npgsql;
using RorNational.Fhir.Availability.Placement;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Availability.Live;

/// <summary>
/// What moves whenever what /api/availability answers may have changed, read in one cheap
/// statement: the event store's high-water mark (Marten's progression table: the daemon moves
/// it past every event once committed; a lieu's figures and the placements are committed with
/// the events that change them), and the placements' last modification and count (written by the publication
/// with each rendering; a removed placement lowers the count). Two readings differ: something
/// may have changed. The mark passes every committed event, so a change committed by a transaction that started
/// before another (and so stamped earlier) is caught when the mark passes its events, even
/// when the last modification did not move. Any event moves it, a description's too: a stream
/// then says "changed" for nothing now and then, never misses a change.
/// </summary>
public sealed class AvailabilityWatermark
{
    public sealed record Reading(long Progression, DateTimeOffset? PlacementsModified, long Placements);

    private readonly IDocumentStore _store;
    private readonly string _sql;

    public AvailabilityWatermark(IDocumentStore store)
    {
        _store = store;
        var placements = store.Options.FindOrResolveDocumentType(typeof(UnitPlacement)).TableName.QualifiedName;
        _sql = $"""
            select
              {HighWaterMark.Sql(store.Options.Events.DatabaseSchemaName)},
              (select max(mt_last_modified) from {placements}),
              (select count(*) from {placements})
            """;
    }

    public async Task<Reading> ReadAsync(CancellationToken cancellation)
    {
        await using var connection = _store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(_sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        return new Reading(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt64(2));
    }
}
