using Marten;
using RorNational.Domain.Capacity;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Search.Indexing.Capacity;

/// <summary>
/// Writes the capacity index (fhir_search_capacity, <see cref="SearchIndexSchema"/>): one row per
/// indicator, set-based, in the projection batch's transaction.
/// </summary>
public static class CapacityIndexWriter
{
    /// <summary>An indicator's values, as the capacity tables hold them (fhir_search_capacity, fhir_search_service_capacity).</summary>
    public const string IndicatorColumns =
        "capacity_type, status, temporality, gender, closing_type, additional_bed_type, crisis_type, temporary_assignment, nb_capacity, update_low, update_high";

    private const string Columns = IndicatorColumns + ", requires";

    private const string Rows =
        "unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::integer[], ?::timestamptz[], ?::timestamptz[], ?::integer[])";

    /// <summary>The rows of Locations the batch stored: their former rows went with their other index rows (<see cref="SearchIndexWriter"/>).</summary>
    public static void Insert(IDocumentOperations operations, IReadOnlyList<CapacityRow> rows)
    {
        if (rows.Count == 0) return;
        var schema = IndexWriteTarget.SchemaOf(operations);
        operations.QueueSqlCommand(
            $"insert into {schema}.fhir_search_capacity (resource_type, id, {Columns}) select 'Location', * from {Rows}",
            ValuesOf(rows));
    }

    /// <summary>
    /// A capacity change of these Locations: the rows of the indicators its events set or removed
    /// (<paramref name="touched"/>, by Location and key) deleted, <paramref name="rows"/> (those
    /// indicators' rows now) inserted, and the Locations' lastUpdated moved. Every other row stays
    /// where it is: the other indicators are published as they were, and only capacity changed, so
    /// the description's index rows stay too. A supplier usually changes one or two indicators of a
    /// lieu: its other rows, and their entries in the search's indexes, are neither rewritten nor
    /// left behind as dead rows for the vacuum.
    /// </summary>
    public static void Replace(
        IDocumentOperations operations, IReadOnlyList<(string Id, DateTimeOffset LastUpdated)> locations,
        IReadOnlyList<(string LocationId, CapacityKey Key)> touched, IReadOnlyList<CapacityRow> rows)
    {
        if (locations.Count == 0) return;
        var schema = IndexWriteTarget.SchemaOf(operations);
        if (touched.Count > 0)
            operations.QueueSqlCommand(
                $"delete from {schema}.fhir_search_capacity s using {TouchedRelation} where s.resource_type = 'Location' and s.id = k.id and {SameKey}",
                TouchedValues(touched));
        operations.QueueSqlCommand(
            $"update {schema}.fhir_search_resource r set last_updated = u.last_updated from unnest(?::text[], ?::timestamptz[]) as u(id, last_updated) " +
            "where r.resource_type = 'Location' and r.id = u.id",
            locations.Select(l => l.Id).ToArray(), locations.Select(l => l.LastUpdated.ToUniversalTime()).ToArray());
        Insert(operations, rows);
        ServiceCapacityRows.Replace(operations, touched);
    }

    /// <summary>The columns of an indicator's key (<see cref="CapacityKey"/>): a Location has one row per key.</summary>
    private const string KeyColumns = "status, temporality, gender, closing_type, additional_bed_type, crisis_type, temporary_assignment";

    /// <summary>A stored row (s) of the key k, absent members matching absent members only.</summary>
    private static readonly string SameKey = SameKeyAs("s", "k");

    /// <summary>A row of <paramref name="row"/> of the key <paramref name="key"/>, absent members matching absent members only.</summary>
    public static string SameKeyAs(string row, string key) =>
        $"({ColumnLists.Qualified(row, KeyColumns)}) is not distinct from ({ColumnLists.Qualified(key, KeyColumns)})";

    /// <summary>The key arrays of <see cref="KeyColumns"/> after the Locations' ids, in that order: what the touched keys travel as.</summary>
    public static object[] TouchedValues(IReadOnlyList<(string LocationId, CapacityKey Key)> touched) =>
    [
        touched.Select(t => t.LocationId).ToArray(), touched.Select(t => t.Key.Status).ToArray(), touched.Select(t => t.Key.Temporality).ToArray(),
        touched.Select(t => t.Key.Gender).ToArray(), touched.Select(t => t.Key.ClosingType).ToArray(),
        touched.Select(t => t.Key.AdditionalBedType).ToArray(), touched.Select(t => t.Key.CrisisType).ToArray(),
        touched.Select(t => t.Key.TemporaryAssignment).ToArray(),
    ];

    /// <summary>The touched keys as a relation k(id, <see cref="KeyColumns"/>), of <see cref="TouchedValues"/>.</summary>
    public const string TouchedRelation =
        "unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) as k(id, " + KeyColumns + ")";

    private static object[] ValuesOf(IReadOnlyList<CapacityRow> rows) =>
    [
        rows.Select(r => r.LocationId).ToArray(), rows.Select(r => r.CapacityType).ToArray(), rows.Select(r => r.Status).ToArray(),
        rows.Select(r => r.Temporality).ToArray(), rows.Select(r => r.Gender).ToArray(), rows.Select(r => r.ClosingType).ToArray(),
        rows.Select(r => r.AdditionalBedType).ToArray(), rows.Select(r => r.CrisisType).ToArray(),
        rows.Select(r => r.TemporaryAssignment).ToArray(), rows.Select(r => r.Count).ToArray(),
        rows.Select(r => Utc(r.UpdateLow)).ToArray(), rows.Select(r => Utc(r.UpdateHigh)).ToArray(),
        rows.Select(r => (int)r.Requires).ToArray(),
    ];

    private static DateTimeOffset? Utc(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc), TimeSpan.Zero) : null;
}
