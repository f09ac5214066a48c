using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace RorNational.Fhir.Export.Files;

/// <summary>
/// The bytes of the exports' files, in chunks of at most about <see cref="NdjsonFiles.ChunkSize"/>,
/// one row each, in the order of <c>seq</c>: in PostgreSQL, so that any node serves any
/// export's files and a restart loses none. Deleted when the export is cancelled or expires.
/// A Weasel table registered with Marten, so <c>db-apply</c>, <c>db-patch</c> and
/// <c>db-assert</c> know it.
/// </summary>
public static class ExportChunkTable
{
    public const string Name = "fhir_export_chunks";

    public static string QualifiedName(string schema) => $"{schema}.{Name}";

    public static ISchemaObject In(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("export_id", "text").AsPrimaryKey();
        table.AddColumn("file_no", "integer").AsPrimaryKey();
        table.AddColumn("seq", "integer").AsPrimaryKey();
        table.AddColumn("data", "bytea").NotNull();
        return table;
    }
}
