using Marten;
using Npgsql;
using RorNational.Fhir.Availability.Figures;
using RorNational.Fhir.Availability.Placement;

namespace RorNational.Fhir.Availability.Live;

/// <summary>
/// What moves whenever what /api/availability answers may have changed, read in one cheap
/// statement: how far the asynchronous <see cref="LieuAvailabilityProjection"/> has got (its row
/// of Marten's progression table: the figures of every lieu are committed with it), and the
/// placements' last modification and count (written by the publication with each rendering; a
/// removed placement lowers the count). Two readings differ: something changed. The progression
/// passes every event once it is committed, so a placement written in a transaction that
/// started before another (and so stamped earlier) is caught when the projection passes its
/// events, even when the last modification did not move.
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
              coalesce((select max(last_seq_id) from {store.Options.Events.DatabaseSchemaName}.mt_event_progression where name like @shards), 0),
              (select max(mt_last_modified) from {placements}),
              (select count(*) from {placements})
            """;
    }

    /// <summary>Marten names a projection's shards "&lt;projection&gt;:&lt;shard&gt;" in its progression table.</summary>
    private static readonly string Shards = $"{nameof(LieuAvailability)}:%";

    public async Task<Reading> ReadAsync(CancellationToken cancellation)
    {
        await using var connection = _store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(_sql, connection);
        command.Parameters.AddWithValue("shards", Shards);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        return new Reading(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt64(2));
    }
}
