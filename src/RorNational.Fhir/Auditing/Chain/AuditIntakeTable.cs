using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace RorNational.Fhir.Auditing.Chain;

/// <summary>
/// Where a record waits, committed, until it is linked into the chain (<see cref="ChainLinker"/>):
/// one row per record, in the order it was handed over (<c>seq</c>), the record as JSON
/// (<see cref="IntakeRecord"/>). A read waits only for its row here, a plain insert into a table
/// without other index than its key and without any lock shared between nodes; the chain's
/// ordering, hashing and five indexes are paid by the linker, in large batches, off the read's
/// path. A Weasel table registered with Marten, so <c>db-apply</c>, <c>db-patch</c> and
/// <c>db-assert</c> know it.
/// </summary>
public static class AuditIntakeTable
{
    public const string Name = "audit_intake";

    public static string QualifiedName(string schema) => $"{schema}.{Name}";

    public static ISchemaObject In(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("seq", "bigint").AsPrimaryKey().BigAutoIncrement();
        table.AddColumn("record", "text").NotNull();
        return table;
    }
}
