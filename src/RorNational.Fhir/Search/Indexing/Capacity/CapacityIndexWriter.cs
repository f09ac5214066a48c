using Marten;

namespace RorNational.Fhir.Search.Indexing.Capacity;

/// <summary>
/// Writes the capacity index (fhir_search_capacity, <see cref="SearchIndexSchema"/>): one row per
/// indicator, set-based, in the projection batch's transaction.
/// </summary>
public static class CapacityIndexWriter
{
    private const string Columns =
        "capacity_type, status, temporality, gender, closing_type, additional_bed_type, crisis_type, temporary_assignment, nb_capacity, update_low, update_high, requires";

    private const string Rows =
        "unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::integer[], ?::timestamptz[], ?::timestamptz[], ?::integer[])";

    /// <summary>The rows of Locations the batch stored: their former rows went with their other index rows (<see cref="SearchIndexWriter"/>).</summary>
    public static void Insert(IDocumentOperations operations, IReadOnlyList<CapacityRow> rows)
    {
        if (rows.Count == 0) return;
        var schema = operations.DocumentStore.Options.DatabaseSchemaName;
        operations.QueueSqlCommand(
            $"insert into {schema}.fhir_search_capacity (resource_type, id, {Columns}) select 'Location', * from {Rows}",
            ValuesOf(rows));
    }

    /// <summary>
    /// A capacity change of these Locations: their capacity rows brought to <paramref name="rows"/>
    /// and their lastUpdated moved; every other index row of theirs stays, since only capacity
    /// changed. Only the rows that differ are written: a row no longer in <paramref name="rows"/> is
    /// deleted, a row not yet stored is inserted, and a row stored alike (every column equal,
    /// absent values included) stays where it is. A supplier usually changes one indicator of a
    /// lieu: its other rows, and their entries in the search's indexes, are not rewritten (nor left
    /// behind as dead rows for the vacuum). One statement: the insert reads the rows as they were
    /// before the delete of the same statement, so the two compare with the same stored rows.
    /// </summary>
    public static void Replace(IDocumentOperations operations, IReadOnlyList<(string Id, DateTimeOffset LastUpdated)> locations, IReadOnlyList<CapacityRow> rows)
    {
        if (locations.Count == 0) return;
        var schema = operations.DocumentStore.Options.DatabaseSchemaName;
        var ids = locations.Select(l => l.Id).ToArray();
        var stored = $"{schema}.fhir_search_capacity";
        var alike = $"s.resource_type = 'Location' and s.id = n.id and ({Qualified("s")}) is not distinct from ({Qualified("n")})";
        operations.QueueSqlCommand(
            $"with n (id, {Columns}) as (select * from {Rows}), " +
            $"gone as (delete from {stored} s where s.resource_type = 'Location' and s.id = any(?::text[]) " +
            $"and not exists (select from n where {alike})) " +
            $"insert into {stored} (resource_type, id, {Columns}) select 'Location', n.* from n " +
            $"where not exists (select from {stored} s where {alike})",
            [.. ValuesOf(rows), ids]);
        operations.QueueSqlCommand(
            $"update {schema}.fhir_search_resource r set last_updated = u.last_updated from unnest(?::text[], ?::timestamptz[]) as u(id, last_updated) " +
            "where r.resource_type = 'Location' and r.id = u.id",
            ids, locations.Select(l => l.LastUpdated.ToUniversalTime()).ToArray());
    }

    private static string Qualified(string alias) => string.Join(", ", Columns.Split(", ").Select(c => $"{alias}.{c}"));

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
