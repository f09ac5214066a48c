using Marten;
using RorNational.Domain.Capacity;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Search.Indexing.Capacity;

/// <summary>
/// Writes fhir_search_service_capacity (<see cref="SearchIndexSchema"/>): each HealthcareService's
/// reference to a Location (param "location") joined with that Location's capacity rows, so that the
/// guide's capacity search of the offer is one index range. Its rows are derived, in SQL, from the
/// reference and capacity tables of the same transaction, whichever of the two sides a batch
/// changes: the HealthcareServices it stores or retires (their references), the Locations whose
/// capacity it writes. A rebuild fills the table once it has loaded the others
/// (<see cref="IndexTable.Derivation"/>), so that its batches write none of its rows.
/// </summary>
/// <remarks>
/// Two transactions meet on the resource rows of the Locations (fhir_search_resource): a capacity
/// change locks those it changes (<see cref="LockForCapacityChange"/>), a publication those its
/// services named before the batch and name after it (<see cref="LockForPublication"/>), each
/// first, in id order. Of a publication and a capacity change of a Location its services name,
/// the second waits for the first, then derives its rows from what the first committed (under
/// READ COMMITTED each statement sees what committed before it began).
/// </remarks>
public static class ServiceCapacityRows
{
    private const string Table = "fhir_search_service_capacity";

    /// <summary>Whether a chain is the one this table holds: HealthcareService through "location" to Location.</summary>
    public static bool Covers(string resourceType, string reference, string targetType) =>
        resourceType == "HealthcareService" && reference == "location" && targetType == "Location";

    /// <summary>The references x this table derives its rows from.</summary>
    private const string ItsReferences = "x.resource_type = 'HealthcareService' and x.param = 'location' and x.target_type = 'Location'";

    /// <summary>
    /// Before a publication batch writes anything: the Locations that the services it stores or
    /// retires name now (their stored references) and will name (<paramref name="newTargets"/>), locked for share.
    /// </summary>
    public static void LockForPublication(IDocumentOperations operations, IReadOnlyCollection<string> services, IReadOnlyCollection<string> newTargets)
    {
        if (IndexWriteTarget.IsStaged || services.Count == 0) return;
        SelectInBatch.Queue(operations, PublicationLock(IndexWriteTarget.SchemaOf(operations)), [newTargets.ToArray(), services.ToArray()]);
    }

    /// <summary>
    /// The statement of <see cref="LockForPublication"/> (parameters: the new targets, the services).
    /// One array of ids, so that PostgreSQL finds the rows by their key: "r.id = any(?) or r.id in
    /// (subquery)" read every Location (79 ms at 128,000 of them, while the national directory was built).
    /// </summary>
    public static string PublicationLock(string schema) =>
        $"select 1 from {schema}.fhir_search_resource r where r.resource_type = 'Location' and r.id = any(?::text[] || array" +
        $"(select x.target_id from {schema}.fhir_search_reference x where {ItsReferences} and x.id = any(?))) order by r.id for share of r";

    /// <summary>Before a capacity change writes anything: the resource rows of its Locations, locked in id order.</summary>
    public static void LockForCapacityChange(IDocumentOperations operations, IReadOnlyCollection<string> locations)
    {
        if (IndexWriteTarget.IsStaged || locations.Count == 0) return;
        var schema = IndexWriteTarget.SchemaOf(operations);
        SelectInBatch.Queue(operations, CapacityChangeLock(schema), [locations.ToArray()]);
        SelectInBatch.Queue(operations, ServicesLock(schema), [Array.Empty<string>(), locations.ToArray()]);
    }

    /// <summary>
    /// After the Locations' locks: the resource rows of the services (first parameter) and of those
    /// naming the Locations (second) and another lieu, locked in id order, so that one transaction
    /// at a time reads and writes a service's rows and its count (<see cref="ServiceCapacityCounts"/>):
    /// two capacity changes of two lieux of one UO lock different Locations. A UO naming one lieu
    /// only is written by one transaction at a time already, each writer of its rows holding that
    /// lieu's row (a capacity change locks it, a publication locks it or writes it): not locked
    /// again (no UO names two lieux in the national set, and each lock writes its row).
    /// </summary>
    public static string ServicesLock(string schema) =>
        $"select 1 from {schema}.fhir_search_resource r where r.resource_type = 'HealthcareService' and r.id = any(?::text[] || array" +
        $"(select x.id from {schema}.fhir_search_reference x where {ItsReferences} and x.target_id = any(?) " +
        $"and exists (select 1 from {schema}.fhir_search_reference y where y.resource_type = x.resource_type and y.id = x.id " +
        "and y.param = x.param and y.target_type = x.target_type and y.target_id <> x.target_id))) order by r.id for no key update of r";

    /// <summary>The statement of <see cref="LockForCapacityChange"/> (parameter: the Locations).</summary>
    public static string CapacityChangeLock(string schema) =>
        $"select 1 from {schema}.fhir_search_resource r where r.resource_type = 'Location' and r.id = any(?) order by r.id for no key update of r";

    /// <summary>
    /// The rows of every reference of <paramref name="schema"/> that <paramref name="where"/> keeps
    /// (" and …" on the reference x and the capacity row c; empty for all).
    /// </summary>
    public static string Derive(string schema, string where) =>
        InsertOf(schema) + $"from {schema}.fhir_search_reference x join {schema}.fhir_search_capacity c on c.resource_type = 'Location' and c.id = x.target_id " +
        $"where {ItsReferences}{where}";

    /// <summary>
    /// After a publication batch wrote its other index rows (<see cref="LockForPublication"/> first):
    /// the rows of the HealthcareServices it stored or retired (<paramref name="services"/>) and of
    /// the Locations it stored or retired (<paramref name="locations"/>) derived again.
    /// </summary>
    public static void Refresh(IDocumentOperations operations, IReadOnlyCollection<string> services, IReadOnlyCollection<string> locations)
    {
        if (IndexWriteTarget.IsStaged || (services.Count == 0 && locations.Count == 0)) return;
        var schema = IndexWriteTarget.SchemaOf(operations);
        var serviceIds = services.ToArray();
        var locationIds = locations.ToArray();
        // Every row of either side deleted before any is derived again: a service of the batch
        // may name a Location of the batch.
        SelectInBatch.Queue(operations, ServicesLock(schema), [serviceIds, locationIds]);
        if (serviceIds.Length > 0) operations.QueueSqlCommand(ServiceRowsDelete(schema), [serviceIds]);
        if (locationIds.Length > 0) operations.QueueSqlCommand(LocationRowsDelete(schema), [locationIds]);
        if (serviceIds.Length > 0) operations.QueueSqlCommand(ServiceRowsDerive(schema), [serviceIds]);
        if (locationIds.Length > 0) operations.QueueSqlCommand(LocationRowsDerive(schema), locationIds, serviceIds);
    }

    /// <summary>Of <see cref="Refresh"/>: the rows of the services (parameter: their ids) deleted.</summary>
    public static string ServiceRowsDelete(string schema) =>
        ServiceCapacityCounts.Counted(schema, $"delete from {schema}.{Table} t where t.resource_type = 'HealthcareService' and t.id = any(?)", null);

    /// <summary>Of <see cref="Refresh"/>: the rows of the Locations (parameter: their ids) deleted.</summary>
    public static string LocationRowsDelete(string schema) =>
        ServiceCapacityCounts.Counted(schema,
            $"delete from {schema}.{Table} t using {schema}.fhir_search_reference x where {ItsReferences} and x.target_id = any(?) " +
            "and t.resource_type = x.resource_type and t.id = x.id and t.location_id = x.target_id", null);

    /// <summary>Of <see cref="Refresh"/>: the rows of the services (parameter: their ids) derived.</summary>
    public static string ServiceRowsDerive(string schema) => ServiceCapacityCounts.Counted(schema, null, Derive(schema, " and x.id = any(?)"));

    /// <summary>Of <see cref="Refresh"/>: the rows of the Locations (parameters: their ids, then the services already derived) derived.</summary>
    public static string LocationRowsDerive(string schema) => ServiceCapacityCounts.Counted(schema, null, Derive(schema, " and x.target_id = any(?) and x.id <> all(?)"));

    /// <summary>
    /// A capacity change (<see cref="LockForCapacityChange"/> first), once its Locations' resource rows are updated and their new capacity rows
    /// inserted: the rows of the indicators it set or removed (<paramref name="touched"/>, by
    /// Location and key) deleted, and derived again from the Locations' rows of those keys, in
    /// one statement with the change of the counts (<see cref="ServiceCapacityCounts"/>).
    /// </summary>
    public static void Replace(IDocumentOperations operations, IReadOnlyList<(string LocationId, CapacityKey Key)> touched)
    {
        if (IndexWriteTarget.IsStaged || touched.Count == 0) return;
        operations.QueueSqlCommand(CapacityChangeReplace(IndexWriteTarget.SchemaOf(operations)), CapacityIndexWriter.TouchedValues(touched));
    }

    /// <summary>The statement of <see cref="Replace"/> (parameters: <see cref="CapacityIndexWriter.TouchedValues"/>).</summary>
    public static string CapacityChangeReplace(string schema) =>
        ServiceCapacityCounts.Counted(schema,
            $"delete from {schema}.{Table} t using k join {schema}.fhir_search_reference x on {ItsReferences} and x.target_id = k.id " +
            $"where t.resource_type = x.resource_type and t.id = x.id and t.location_id = k.id and {CapacityIndexWriter.SameKeyAs("t", "k")}",
            // Led by the touched keys (a Group's few), each to its Location's row, then to the references naming it.
            InsertOf(schema) + "from (select distinct * from k) k " +
            $"join {schema}.fhir_search_capacity c on c.resource_type = 'Location' and c.id = k.id and {CapacityIndexWriter.SameKeyAs("c", "k")} " +
            $"join {schema}.fhir_search_reference x on {ItsReferences} and x.target_id = c.id",
            with: $"k as (select * from {CapacityIndexWriter.TouchedRelation}), ");

    /// <summary>The insert of a row per reference x and capacity row c that the statement's from joins.</summary>
    private static string InsertOf(string schema) =>
        $"insert into {schema}.{Table} (resource_type, id, location_id, {CapacityIndexWriter.IndicatorColumns}, requires, reference_requires) " +
        $"select x.resource_type, x.id, c.id, {ColumnLists.Qualified("c", CapacityIndexWriter.IndicatorColumns)}, c.requires, x.requires ";
}
