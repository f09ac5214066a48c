using System.Data;
using System.Text.Json;
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
/// async projection keeps, the needed members only.
/// </summary>
public sealed class PlacedUnits(IDocumentStore store)
{
    private string? _sql;

    public async Task<IReadOnlyList<PlacedUnit>> ReadAsync(AvailabilityQuery query, CancellationToken cancellation)
    {
        await using var connection = store.Storage.Database.CreateConnection(ConnectionUsage.Read);
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(_sql ??= Sql(), connection);
        command.Parameters.Add(new NpgsqlParameter("region", NpgsqlDbType.Text) { Value = (object?)query.Region ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("departement", NpgsqlDbType.Text) { Value = (object?)query.Departement ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("regroupement", NpgsqlDbType.Text) { Value = (object?)query.Regroupement ?? DBNull.Value });
        var units = new List<PlacedUnit>();
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            units.Add(new PlacedUnit(
                UnitId: reader.GetString(0), LocationId: reader.GetString(1), Name: reader.GetString(2),
                EGFiness: reader.GetString(3), EGName: reader.GetString(4),
                Region: reader.GetString(5), Departement: reader.GetString(6), Regroupement: reader.GetString(7),
                Sensitive: reader.GetBoolean(8), MedicoSocial: reader.GetBoolean(9),
                Phones: JsonSerializer.Deserialize<List<PhoneCandidate>>(reader.GetString(10)) ?? [],
                Figures: new AvailabilityFigures(Int(reader, 11), Int(reader, 12), Int(reader, 13), Int(reader, 14), Int(reader, 15), Int(reader, 16)),
                LastUpdate: reader.IsDBNull(17) ? null : new DateTimeOffset(reader.GetDateTime(17), TimeSpan.Zero)));
        }
        return units;
    }

    private static int? Int(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetInt32(column);

    private string Sql()
    {
        var placements = store.Options.FindOrResolveDocumentType(typeof(UnitPlacement)).TableName.QualifiedName;
        var figures = store.Options.FindOrResolveDocumentType(typeof(LieuAvailability)).TableName.QualifiedName;
        const string f = "f.data -> 'Figures'";
        // The figures are kept by capacity stream: "capacity-" and the unit id (CapacityStreams.Of).
        return $"""
            select p.id, p.data ->> 'LocationId', p.data ->> 'Name', p.data ->> 'EGFiness', p.data ->> 'EGName',
                   p.data ->> 'Region', p.data ->> 'Departement', p.data ->> 'Regroupement',
                   (p.data ->> 'Sensitive')::boolean, (p.data ->> 'MedicoSocial')::boolean, p.data ->> 'Phones',
                   ({f} ->> 'Available')::int, ({f} ->> 'Installed')::int, ({f} ->> 'Closed')::int,
                   ({f} ->> 'ClosedReactivable')::int, ({f} ->> 'Supplementary')::int, ({f} ->> 'Forecast24h')::int,
                   (f.data ->> 'LastSourceDate')::timestamptz
            from {placements} p
            left join {figures} f on f.id = 'capacity-' || p.id
            where (@region is null or p.data ->> 'Region' = @region)
              and (@departement is null or p.data ->> 'Departement' = @departement)
              and (@regroupement is null or p.data ->> 'Regroupement' = @regroupement)
            """;
    }
}
