using System.Data;
using Marten;
using Npgsql;
using NpgsqlTypes;
using RorNational.Fhir.Availability.Figures;
using RorNational.Fhir.Availability.Placement;
using Marten.Storage;

namespace RorNational.Fhir.Availability.Synthesis;

/// <summary>
/// Reads the placed units of a query's territory and regroupement joined with their figures:
/// one query over the placements (a few thousand rows at national scale) and the figures the
/// publication keeps (<see cref="AvailabilityFiguresTable"/>), the needed members only.
/// </summary>
public sealed class PlacedUnits(IDocumentStore store)
{
    private string? _grid, _units;

    /// <param name="details">
    /// Whether the names, Location id and phones are read too (the drill-down), or only where
    /// each unit counts and its figures (the grid: columns only, no JSON read).
    /// </param>
    public async Task<IReadOnlyList<PlacedUnit>> ReadAsync(AvailabilityQuery query, bool details, CancellationToken cancellation)
    {
        await using var connection = store.Storage.Database.CreateConnection(ConnectionUsage.Read);
        await connection.OpenAsync(cancellation);
        var sql = details ? _units ??= Sql(details: true) : _grid ??= Sql(details: false);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter("region", NpgsqlDbType.Text) { Value = (object?)query.Region ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("departement", NpgsqlDbType.Text) { Value = (object?)query.Departement ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("regroupement", NpgsqlDbType.Text) { Value = (object?)query.Regroupement ?? DBNull.Value });
        var units = new List<PlacedUnit>();
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            units.Add(new PlacedUnit(
                UnitId: reader.GetString(0), Region: reader.GetString(1), Departement: reader.GetString(2), Regroupement: reader.GetString(3),
                Sensitive: reader.GetBoolean(4), MedicoSocial: reader.GetBoolean(5),
                Figures: new AvailabilityFigures(Int(reader, 6), Int(reader, 7), Int(reader, 8), Int(reader, 9), Int(reader, 10), Int(reader, 11)),
                LastUpdate: reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
                LocationId: details ? reader.GetString(13) : "", Name: details ? reader.GetString(14) : "",
                EGFiness: details ? reader.GetString(15) : "", EGName: details ? reader.GetString(16) : "",
                PhonesJson: details ? reader.GetString(17) : "[]"));
        }
        return units;
    }

    private static int? Int(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetInt32(column);

    private string Sql(bool details)
    {
        var placements = store.Options.FindOrResolveDocumentType(typeof(UnitPlacement)).TableName.QualifiedName;
        var figures = AvailabilityFiguresTable.QualifiedName(store);
        // Where a unit counts, and its figures, are columns of their own (AvailabilityModule, AvailabilityFiguresTable).
        // The figures are kept by capacity stream: "capacity-" and the unit id (CapacityStreams.Of).
        var detailColumns = details
            ? ", p.data ->> 'LocationId', p.data ->> 'Name', p.data ->> 'EGFiness', p.data ->> 'EGName', p.data ->> 'Phones'"
            : "";
        return $"""
            select p.id, p.region, p.departement, p.regroupement, p.sensitive, p.medico_social,
                   f.available, f.installed, f.closed, f.closed_reactivable, f.supplementary, f.forecast_next_day, f.last_source_date
                   {detailColumns}
            from {placements} p
            left join {figures} f on f.id = 'capacity-' || p.id
            where (@region is null or p.region = @region)
              and (@departement is null or p.departement = @departement)
              and (@regroupement is null or p.regroupement = @regroupement)
            """;
    }
}
