using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace RorNational.Fhir.Auditing.Chain;

/// <summary>
/// The audit chain: one row per record, in one total order (<c>position</c>, 1, 2, 3... without
/// gaps), each row holding the SHA-256 of its content chained with the previous row's hash
/// (<see cref="ChainHash"/>). A record is of a <c>kind</c>: <c>AuditEvent</c> today (who read
/// what); the provenance of writes (<c>Provenance</c>, built from the event store) joins the same
/// chain as another kind, with the same columns: its target references in <c>entities</c>, its
/// author in <c>agent</c>. A Provenance's content is the resource as served, byte for byte; an
/// AuditEvent's is its compact record, the AuditEvent being rendered from the row when read
/// (CompactAuditRecord). The other columns are what searches filter on. A Weasel table registered with Marten,
/// so <c>db-apply</c>, <c>db-patch</c> and <c>db-assert</c> know it.
/// </summary>
public static class AuditChainTable
{
    public const string Name = "audit_chain";

    public static string QualifiedName(string schema) => $"{schema}.{Name}";

    public static ISchemaObject In(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("position", "bigint").AsPrimaryKey();
        table.AddColumn("kind", "text").NotNull();
        table.AddColumn("id", "text").NotNull();
        table.AddColumn("recorded", "timestamp with time zone").NotNull();
        table.AddColumn("agent", "text").NotNull();
        table.AddColumn("type", "text").NotNull();
        table.AddColumn("subtype", "text").NotNull();
        table.AddColumn("entities", "text[]").NotNull();
        table.AddColumn("entity_types", "text[]").NotNull();
        table.AddColumn("content", "text").NotNull();
        table.AddColumn("previous_hash", "bytea").NotNull();
        table.AddColumn("hash", "bytea").NotNull();
        table.Indexes.Add(new IndexDefinition($"{Name}_kind_id") { Columns = ["kind", "id"], IsUnique = true });
        // Each criterion's index ends with the searches' order, newest first (ChainPage): a page is
        // read in order from the index, where (kind, agent) and (kind, recorded) left the planner
        // walking the whole chain backwards by position past every newer record when the matches
        // are old (a client that stopped reading, a day last March: 35 and 129 ms at 300,000
        // records, growing with the chain; 0.1 to 0.2 ms in order from the index).
        table.Indexes.Add(new IndexDefinition($"{Name}_kind_recorded") { Columns = ["kind", "recorded", "position"] });
        table.Indexes.Add(new IndexDefinition($"{Name}_kind_agent") { Columns = ["kind", "agent", "recorded", "position"] });
        table.Indexes.Add(new IndexDefinition($"{Name}_entities") { Columns = ["entities"], Method = IndexMethod.gin });
        return table;
    }
}
