using Marten;

namespace RorNational.Fhir.Search.Indexing.Equipment;

/// <summary>
/// Writes the equipment index (fhir_search_equipment, <see cref="SearchIndexSchema"/>): one row
/// per equipment limit, set-based, in the projection batch's transaction. The rows of a
/// republished Location went with its other index rows (<see cref="SearchIndexWriter"/>); a
/// capacity change leaves them, since the description did not change.
/// </summary>
public static class EquipmentIndexWriter
{
    public static void Insert(IDocumentOperations operations, IReadOnlyList<EquipmentRow> rows)
    {
        if (rows.Count == 0) return;
        var schema = IndexWriteTarget.SchemaOf(operations);
        operations.QueueSqlCommand(
            $"insert into {schema}.fhir_search_equipment (resource_type, id, equipment, equipment_type, feature, value, system, code, requires) " +
            "select 'Location', * from unnest(?::text[], ?::integer[], ?::text[], ?::text[], ?::numeric[], ?::text[], ?::text[], ?::integer[])",
            rows.Select(r => r.LocationId).ToArray(), rows.Select(r => r.Equipment).ToArray(), rows.Select(r => r.EquipmentType).ToArray(), rows.Select(r => r.Feature).ToArray(),
            rows.Select(r => r.Value).ToArray(), rows.Select(r => r.System).ToArray(), rows.Select(r => r.Code).ToArray(),
            rows.Select(r => (int)r.Requires).ToArray());
    }
}
