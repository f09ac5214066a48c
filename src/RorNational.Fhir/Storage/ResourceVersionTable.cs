using Marten;
using RorNational.Fhir.Access;
using RorNational.Fhir.Search.Indexing.Schema;
using Weasel.Core;

namespace RorNational.Fhir.Storage;

/// <summary>
/// The versions of the published resources (<see cref="FhirResourceVersion"/>): one row each, the
/// resource's JSON as text in a column of its own and what histories are searched and ordered
/// by as plain columns. A Weasel schema object registered with Marten, so <c>db-apply</c>,
/// <c>db-patch</c> and <c>db-assert</c> know it.
/// </summary>
/// <remarks>
/// The versions were Marten documents (<c>mt_doc_fhirresourceversion</c>) until 2026-12: the JSON,
/// a string inside the <c>jsonb</c> document, was escaped by the host and parsed by PostgreSQL on
/// every write, and read back through the same, and the histories were ordered by expression
/// indexes over the document. A version row cost PostgreSQL three times what it costs here
/// (docs/benchmarks.md, "Capacity ingest measured warm"). The table is filled, when it is created,
/// with the versions that older table holds; the older table is then read no more and may be
/// dropped.
/// </remarks>
public static class ResourceVersionTable
{
    public const string Name = "fhir_resource_version";

    /// <summary>The primary key's constraint: a version inserted twice (two renderings of one version in concurrent transactions) breaks it.</summary>
    public const string PrimaryKeyName = Name + "_pkey";

    public static string QualifiedName(string schema) => $"{schema}.{Name}";

    public static string QualifiedName(IDocumentStore store) => QualifiedName(store.Options.DatabaseSchemaName);

    public static ISchemaObject In(string schema) =>
        new IndexTable(schema, Name)
            .Column("resource_type", "text")
            .Column("resource_id", "text")
            .Column("version", "bigint")
            .Column("last_updated", "timestamp with time zone")
            .Column("deleted", "boolean")
            // The distinct DataClass masks of the version's elements (Redaction.ClassSetsOf).
            .Column("class_sets", "integer[]")
            // Null for a retirement.
            .Column("json", "text", notNull: false)
            .WithPrimaryKey("resource_type", "resource_id", "version")
            // The system's history, newest first; and a type's.
            .Index(Name + "_system_order", "btree (last_updated, resource_type, resource_id, version)")
            .Index(Name + "_type_order", "btree (resource_type, last_updated, resource_id, version)")
            .FilledFrom($"{schema}.mt_doc_fhirresourceversion", CopiedFromDocuments(schema));

    /// <summary>The columns a read selects, in this order (<see cref="StoredVersions"/>).</summary>
    public static string Columns(string alias) =>
        $"{alias}.resource_type, {alias}.resource_id, {alias}.version, {alias}.last_updated, {alias}.json, {alias}.deleted, {alias}.class_sets";

    /// <summary>
    /// The rows of a transaction's versions in one statement, for Marten's <c>QueueSqlCommand</c>:
    /// types, ids, versions, lastUpdated, retired or not, class sets (each an integer array's text,
    /// <see cref="ArrayLiterals"/>) and JSON. Inserted, never overwritten.
    /// </summary>
    public static string Insert(string schema) =>
        $"insert into {QualifiedName(schema)} (resource_type, resource_id, version, last_updated, deleted, class_sets, json) " +
        "select r.t, r.i, r.v, r.u, r.d, r.c::integer[], r.j " +
        "from unnest(?::text[], ?::text[], ?::bigint[], ?::timestamptz[], ?::boolean[], ?::text[], ?::text[]) as r(t, i, v, u, d, c, j)";

    /// <summary>
    /// The copy of the versions the Marten document table that held them before has:
    /// class sets stored by name ("Capacity, SensitiveUnit") or, in older rows, by number.
    /// </summary>
    private static string CopiedFromDocuments(string schema)
    {
        var names = string.Join(" ", Enum.GetValues<DataClass>().Select(c => $"when '{c}' then {(int)c}"));
        var mask = "case jsonb_typeof(c) when 'number' then (c #>> '{}')::integer " +
            $"else (select coalesce(sum(case trim(n) {names} else 0 end), 0)::integer from unnest(string_to_array(c #>> '{{}}', ',')) n) end";
        return $"""
            insert into {QualifiedName(schema)} (resource_type, resource_id, version, last_updated, deleted, class_sets, json)
            select d.data ->> 'ResourceType', d.data ->> 'ResourceId', (d.data ->> 'Version')::bigint, (d.data ->> 'LastUpdated')::timestamptz,
              coalesce((d.data ->> 'Deleted')::boolean, false),
              array(select {mask} from jsonb_array_elements(coalesce(d.data -> 'ClassSets', '[]'::jsonb)) c),
              d.data ->> 'Json'
            from {schema}.mt_doc_fhirresourceversion d
            """;
    }
}
