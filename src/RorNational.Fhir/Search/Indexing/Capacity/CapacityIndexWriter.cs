using Marten;

namespace RorNational.Fhir.Search.Indexing.Capacity;

/// <summary>
/// Writes the capacity index (fhir_search_capacity, <see cref="SearchIndexSchema"/>): one row per
/// indicator, set-based, in the projection batch's transaction.
/// </summary>
public static class CapacityIndexWriter
{
    /// <summary>The rows of Locations the batch stored: their former rows went with their other index rows (<see cref="SearchIndexWriter"/>).</summary>
    public static void Insert(IDocumentOperations operations, IReadOnlyList<CapacityRow> rows)
    {
        if (rows.Count == 0) return;
        var schema = operations.DocumentStore.Options.DatabaseSchemaName;
        operations.QueueSqlCommand(
            $"insert into {schema}.fhir_search_capacity (resource_type, id, capacity_type, status, temporality, gender, closing_type, " +
            "additional_bed_type, crisis_type, temporary_assignment, nb_capacity, update_low, update_high, requires) " +
            "select 'Location', * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], " +
            "?::integer[], ?::timestamptz[], ?::timestamptz[], ?::integer[])",
            rows.Select(r => r.LocationId).ToArray(), rows.Select(r => r.CapacityType).ToArray(), rows.Select(r => r.Status).ToArray(),
            rows.Select(r => r.Temporality).ToArray(), rows.Select(r => r.Gender).ToArray(), rows.Select(r => r.ClosingType).ToArray(),
            rows.Select(r => r.AdditionalBedType).ToArray(), rows.Select(r => r.CrisisType).ToArray(),
            rows.Select(r => r.TemporaryAssignment).ToArray(), rows.Select(r => r.Count).ToArray(),
            rows.Select(r => Utc(r.UpdateLow)).ToArray(), rows.Select(r => Utc(r.UpdateHigh)).ToArray(),
            rows.Select(r => (int)r.Requires).ToArray());
    }

    /// <summary>
    /// A capacity change of these Locations: their capacity rows replaced and their lastUpdated
    /// moved; every other index row of theirs stays, since only capacity changed.
    /// </summary>
    public static void Replace(IDocumentOperations operations, IReadOnlyList<(string Id, DateTimeOffset LastUpdated)> locations, IReadOnlyList<CapacityRow> rows)
    {
        if (locations.Count == 0) return;
        var schema = operations.DocumentStore.Options.DatabaseSchemaName;
        var ids = locations.Select(l => l.Id).ToArray();
        operations.QueueSqlCommand($"delete from {schema}.fhir_search_capacity where resource_type = 'Location' and id = any(?::text[])", (object)ids);
        operations.QueueSqlCommand(
            $"update {schema}.fhir_search_resource r set last_updated = u.last_updated from unnest(?::text[], ?::timestamptz[]) as u(id, last_updated) " +
            "where r.resource_type = 'Location' and r.id = u.id",
            ids, locations.Select(l => l.LastUpdated.ToUniversalTime()).ToArray());
        Insert(operations, rows);
    }

    private static DateTimeOffset? Utc(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc), TimeSpan.Zero) : null;
}
