using Marten;
using RorNational.Fhir.Search.Indexing.Schema;
using Weasel.Core;

namespace RorNational.Fhir.Provenances;

/// <summary>
/// The Provenance records (<see cref="ProvenanceRecord"/>): one row each, the Provenance's JSON as
/// text in a column of its own and what the chaining, the notifications and the searches read as
/// plain columns, the event sequence indexed (the daemon's subscriptions read the records page by
/// page of it). A Weasel schema object registered with Marten, so <c>db-apply</c>,
/// <c>db-patch</c> and <c>db-assert</c> know it.
/// </summary>
/// <remarks>
/// The records were Marten documents (<c>mt_doc_provenancerecord</c>) until 2026-12: the JSON, a
/// string inside the <c>jsonb</c> document, was escaped by the host and parsed by PostgreSQL on
/// every write, and the searches unpacked the targets, their classes and the agents from the
/// document (docs/benchmarks.md, "The Provenance records in a table of their own"). The table is
/// filled, when it is created, with the records that older table holds; the older table is then
/// read no more and may be dropped.
/// </remarks>
public static class ProvenanceRecordTable
{
    public const string Name = "provenance_record";

    public static string QualifiedName(string schema) => $"{schema}.{Name}";

    public static string QualifiedName(IDocumentStore store) => QualifiedName(store.Options.DatabaseSchemaName);

    private const string ColumnList = "id, sequence, stream, recorded, agents, main_agent, main_agent_type, activity, targets, target_classes, json";

    public static ISchemaObject In(string schema) =>
        new IndexTable(schema, Name)
            .Column("id", "text")
            .Column("sequence", "bigint")
            .Column("stream", "text")
            .Column("recorded", "timestamp with time zone")
            .Column("agents", "text[]")
            .Column("main_agent", "text")
            .Column("main_agent_type", "text")
            .Column("activity", "text")
            .Column("targets", "text[]")
            .Column("target_classes", "integer[]")
            .Column("json", "text")
            .WithPrimaryKey("id")
            .Index(Name + "_sequence", "btree (sequence)")
            .FilledFrom($"{schema}.mt_doc_provenancerecord", CopiedFromDocuments(schema));

    /// <summary>The columns a read selects, in this order (<see cref="ProvenanceRecordRows.Read"/>).</summary>
    public static string Columns(string alias) => Storage.ColumnLists.Qualified(alias, ColumnList);

    /// <summary>
    /// The rows of a transaction's records in one statement, for Marten's <c>QueueSqlCommand</c>, the
    /// array columns each as an array's text (<see cref="Storage.ArrayLiterals"/>).
    /// Upserted: a rebuild of the publication replays the same batches and stores the same records again.
    /// </summary>
    public static string Upsert(string schema) =>
        $"insert into {QualifiedName(schema)} ({ColumnList}) " +
        "select r.i, r.s, r.st, r.rc, r.a::text[], r.m, r.mt, r.ac, r.t::text[], r.c::integer[], r.j " +
        "from unnest(?::text[], ?::bigint[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) " +
        "as r(i, s, st, rc, a, m, mt, ac, t, c, j) " +
        "on conflict (id) do update set sequence = excluded.sequence, stream = excluded.stream, recorded = excluded.recorded, agents = excluded.agents, " +
        "main_agent = excluded.main_agent, main_agent_type = excluded.main_agent_type, activity = excluded.activity, targets = excluded.targets, " +
        "target_classes = excluded.target_classes, json = excluded.json";

    /// <summary>The copy of the records the Marten document table that held them before has.</summary>
    private static string CopiedFromDocuments(string schema) => $"""
        insert into {QualifiedName(schema)} ({ColumnList})
        select d.id, (d.data ->> 'Sequence')::bigint, d.data ->> 'Stream', (d.data ->> 'Recorded')::timestamptz,
          array(select jsonb_array_elements_text(coalesce(d.data -> 'Agents', '[]'::jsonb))),
          coalesce(d.data ->> 'MainAgent', ''), coalesce(d.data ->> 'MainAgentType', ''), coalesce(d.data ->> 'Activity', ''),
          array(select jsonb_array_elements_text(coalesce(d.data -> 'Targets', '[]'::jsonb))),
          array(select c::integer from jsonb_array_elements_text(coalesce(d.data -> 'TargetClasses', '[]'::jsonb)) c),
          d.data ->> 'Json'
        from {schema}.mt_doc_provenancerecord d
        """;
}
