using RorNational.Fhir.Search.Indexing.Capacity;
using RorNational.Fhir.Search.Indexing.Schema;
using RorNational.Fhir.Search.Indexing.Tags;
using Weasel.Core;
using Weasel.Postgresql;

namespace RorNational.Fhir.Search.Indexing;

/// <summary>
/// The search index of the FHIR read side, as schema objects registered with Marten: its
/// migrations (<c>db-apply</c>, <c>db-patch</c>, <c>db-assert</c>) create and check them with the
/// documents and events. One row per published resource, and one row per value a search
/// parameter extracts from it, written by the publication projection in the same transaction
/// as the events. They are plain tables rather than Marten documents: the projection writes
/// them with set-based SQL, and the search engine reads them with its own SQL.
/// </summary>
/// <remarks>
/// "requires" is the mask of data classes (DataClass, src/RorNational.Fhir/Access) of the least
/// classified element that carries the value: every lookup keeps only the rows the caller's
/// access profile may see. Text compared by prefix uses the C collation, so a prefix becomes an
/// index range. Extended statistics: the planner would multiply the selectivities of
/// resource_type, param and value as if they were independent; they are not (a code belongs to
/// one parameter of one type), and its join orders depend on those estimates.
/// </remarks>
public static class SearchIndexSchema
{
    /// <summary>Every index table: what a rebuild writes afresh and swaps in, and what the publication's outputs are compared by.</summary>
    public static readonly string[] Tables = [.. ObjectsIn("public").OfType<IndexTable>().Select(t => t.Name)];

    /// <summary>The index tables a resource's publication writes its own rows into: all but the derived ones, whose writers delete their rows themselves (<see cref="IndexTable.Derivation"/>).</summary>
    public static readonly string[] WrittenByResource = [.. ObjectsIn("public").OfType<IndexTable>().Where(t => t.Derivation is null).Select(t => t.Name)];

    /// <summary>pg_trgm (trigram GIN index of the string table) and the index tables, in <paramref name="schema"/>.</summary>
    public static IReadOnlyList<ISchemaObject> ObjectsIn(string schema) =>
    [
        new Extension("pg_trgm"),
        Keyed(schema, "fhir_search_resource", withPrimaryKey: true)
            .Column("last_updated", "timestamp with time zone")
            .Column("sort_name", "text", notNull: false, collation: "C")
            // The parameters the resource has no value of (Absence/AbsentParameters): ":missing=true" as a GIN lookup.
            .Column("absent", "text[]")
            .Index("fhir_search_resource_updated", "btree (resource_type, last_updated, id)")
            .Index("fhir_search_resource_name", "btree (resource_type, sort_name, id)")
            .Index("fhir_search_resource_absent", "gin (absent)"),
        Keyed(schema, "fhir_search_token")
            .Column("param", "text")
            .Column("system", "text", notNull: false, collation: "C")
            .Column("code", "text", collation: "C")
            .Column("requires", "integer")
            // The id the key column after the code: a lookup of one code reads its ids in order,
            // whatever their system, so a page sorted by id stops at the page's end (a région's
            // first 100 lieux of 39,368: 1.3 ms, against 53 ms sorting them all). The system, checked
            // on the index entries of that code, is included.
            .Index("fhir_search_token_value", "btree (resource_type, param, code, id) INCLUDE (system, requires)")
            // Covering: a criterion checked on each resource of another's matches reads the index alone.
            .Index("fhir_search_token_resource", "btree (resource_type, id) INCLUDE (param, code, system, requires)")
            .StatisticsOn("fhir_search_token_stats", "resource_type", "param", "code"),
        Keyed(schema, "fhir_search_string")
            .Column("param", "text")
            .Column("normalized", "text", collation: "C")
            .Column("exact", "text")
            .Column("requires", "integer")
            .Index("fhir_search_string_value", "btree (resource_type, param, normalized) INCLUDE (id, requires)")
            .Index("fhir_search_string_trigram", "gin (normalized gin_trgm_ops)")
            .Index("fhir_search_string_resource", "btree (resource_type, id)")
            .StatisticsOn("fhir_search_string_stats", "resource_type", "param", "normalized"),
        Keyed(schema, "fhir_search_number")
            .Column("param", "text")
            .Column("value", "numeric")
            .Column("system", "text", notNull: false, collation: "C")
            .Column("code", "text", notNull: false, collation: "C")
            .Column("requires", "integer")
            .Index("fhir_search_number_value", "btree (resource_type, param, value) INCLUDE (id, requires, system, code)")
            .Index("fhir_search_number_resource", "btree (resource_type, id)")
            .StatisticsOn("fhir_search_number_stats", "resource_type", "param", "value"),
        Keyed(schema, "fhir_search_date")
            .Column("param", "text")
            .Column("low", "timestamp with time zone")
            .Column("high", "timestamp with time zone")
            .Column("requires", "integer")
            .Index("fhir_search_date_low", "btree (resource_type, param, low) INCLUDE (id, requires, high)")
            .Index("fhir_search_date_high", "btree (resource_type, param, high) INCLUDE (id, requires, low)")
            .Index("fhir_search_date_resource", "btree (resource_type, id)"),
        Keyed(schema, "fhir_search_reference")
            .Column("param", "text")
            .Column("target_type", "text")
            .Column("target_id", "text", collation: "C")
            .Column("requires", "integer")
            // The id a key column, as for tokens: the references to one target read in id order.
            .Index("fhir_search_reference_target", "btree (resource_type, param, target_id, id) INCLUDE (requires, target_type)")
            .Index("fhir_search_reference_resource", "btree (resource_type, id) INCLUDE (param, target_type, target_id, requires)")
            .StatisticsOn("fhir_search_reference_stats", "resource_type", "param", "target_type"),
        Keyed(schema, "fhir_search_position")
            .Column("param", "text")
            .Column("latitude", "double precision")
            .Column("longitude", "double precision")
            .Column("requires", "integer")
            .Index("fhir_search_position_point", "gist (point(longitude, latitude))")
            .Index("fhir_search_position_resource", "btree (resource_type, id)"),
        Keyed(schema, "fhir_search_text")
            .Column("document", "tsvector")
            .Column("requires", "integer")
            .Index("fhir_search_text_document", "gin (document)")
            .Index("fhir_search_text_resource", "btree (resource_type, id)"),
        // One row per capacity indicator of a Location (Capacity/CapacityRow): the capacity
        // criteria of one search hold on one row, the guide's "same indicator".
        IndicatorColumns(Keyed(schema, "fhir_search_capacity"))
            .Column("requires", "integer")
            // Status then count: the guide's "capacity-status=02&nb-capacity=gt0" is one index range.
            .Index("fhir_search_capacity_indicator", "btree (resource_type, status, nb_capacity) INCLUDE (id, requires, temporality)")
            .Index("fhir_search_capacity_resource", "btree (resource_type, id)"),
        // One row per capacity indicator of each Location a HealthcareService names as its
        // location (ServiceCapacityRows): the guide's capacity search
        // (HealthcareService?location.capacity-status=02&location.nb-capacity=gt0) as one index
        // range, where the chain read every reference of every UO (300,000 at the national scale)
        // to keep those to a Location with such an indicator. Both masks are kept: the
        // indicator's in the Location, and the reference's in the HealthcareService.
        IndicatorColumns(Keyed(schema, "fhir_search_service_capacity").Column("location_id", "text", collation: "C"))
            .Column("requires", "integer")
            .Column("reference_requires", "integer")
            .Index("fhir_search_service_capacity_indicator", "btree (resource_type, status, nb_capacity) INCLUDE (id, requires, reference_requires, temporality)")
            // No index of its own on the Location: a Location's rows are those of the services
            // naming it, found through the reference index (one index entry less per row written).
            .Index("fhir_search_service_capacity_resource", "btree (resource_type, id)")
            .DerivedWith(ServiceCapacityRows.Derive(schema, "")),
        // The services of each capacity status with a positive count, by their rows' masks
        // (ServiceCapacityCounts): the exact total of the national capacity search in a few rows.
        // Derived from the table above, hence after it.
        new IndexTable(schema, ServiceCapacityCounts.Table)
            .Column("status", "text", collation: "C")
            .Column("signature", "bigint[]")
            .Column("services", "bigint")
            .Index("fhir_search_service_capacity_count_status", "btree (status)")
            .DerivedWith(ServiceCapacityCounts.Derive(schema)),
        // The resources of each type and _tag, by their rows' masks (TagCounts): the exact total
        // of a search of one tag (a région's lieux) in a few rows. Derived from the tokens.
        new IndexTable(schema, TagCounts.Table)
            .Column("resource_type", "text")
            .Column("system", "text", notNull: false, collation: "C")
            .Column("code", "text", collation: "C")
            .Column("signature", "integer[]")
            .Column("resources", "bigint")
            .Index("fhir_search_tag_count_code", "btree (resource_type, code)")
            .DerivedWith(TagCounts.Derive(schema)),
        // One row per limit of an equipment of a Location, or per equipment without limits
        // (Equipment/EquipmentRow): the criteria of one limit hold on one row, those of several
        // limits on rows of one equipment (same "equipment", its position in the Location).
        Keyed(schema, "fhir_search_equipment")
            .Column("equipment", "integer")
            .Column("equipment_type", "text", collation: "C")
            .Column("feature", "text", notNull: false, collation: "C")
            .Column("value", "numeric", notNull: false)
            .Column("system", "text", notNull: false, collation: "C")
            .Column("code", "text", notNull: false, collation: "C")
            .Column("requires", "integer")
            .Index("fhir_search_equipment_type", "btree (resource_type, equipment_type, feature, value) INCLUDE (id, requires)")
            .Index("fhir_search_equipment_resource", "btree (resource_type, id)"),
        // One row per price of an Organization (Prices/PriceRow): the price criteria of one
        // search hold on one row, and a sort on the validity start reads the prices it may see.
        Keyed(schema, "fhir_search_price")
            .Column("price_type", "text", notNull: false, collation: "C")
            .Column("unit", "text", notNull: false, collation: "C")
            .Column("amount", "numeric", notNull: false)
            .Column("start_low", "timestamp with time zone", notNull: false)
            .Column("start_high", "timestamp with time zone", notNull: false)
            .Column("residential_type", "text", notNull: false, collation: "C")
            .Column("dependency_level", "text", notNull: false, collation: "C")
            .Column("welcome_type", "text", notNull: false, collation: "C")
            .Column("special_price", "text", notNull: false, collation: "C")
            .Column("requires", "integer")
            .Index("fhir_search_price_type", "btree (resource_type, price_type, amount) INCLUDE (id, requires)")
            .Index("fhir_search_price_resource", "btree (resource_type, id)"),
    ];

    /// <summary>An indicator's values (CapacityIndexWriter.IndicatorColumns), as the two capacity tables hold them.</summary>
    static IndexTable IndicatorColumns(IndexTable table) => table
        .Column("capacity_type", "text", notNull: false, collation: "C")
        .Column("status", "text", notNull: false, collation: "C")
        .Column("temporality", "text", notNull: false, collation: "C")
        .Column("gender", "text", notNull: false, collation: "C")
        .Column("closing_type", "text", notNull: false, collation: "C")
        .Column("additional_bed_type", "text", notNull: false, collation: "C")
        .Column("crisis_type", "text", notNull: false, collation: "C")
        .Column("temporary_assignment", "text", notNull: false, collation: "C")
        .Column("nb_capacity", "integer", notNull: false)
        .Column("update_low", "timestamp with time zone", notNull: false)
        .Column("update_high", "timestamp with time zone", notNull: false);

    /// <summary>Every table starts with the resource it indexes: its type, and its id in the C collation.</summary>
    static IndexTable Keyed(string schema, string table, bool withPrimaryKey = false)
    {
        var indexTable = new IndexTable(schema, table)
            .Column("resource_type", "text")
            .Column("id", "text", collation: "C");
        return withPrimaryKey ? indexTable.WithPrimaryKey("resource_type", "id") : indexTable;
    }
}
