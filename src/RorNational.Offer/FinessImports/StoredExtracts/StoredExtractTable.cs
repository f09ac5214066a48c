using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace RorNational.Offer.FinessImports.StoredExtracts;

/// <summary>
/// Where accepted FINESS extracts wait for their import: the file as received (gzip or not), in
/// chunks of <see cref="ChunkSize"/> bytes, one row each. Written in the transaction that starts
/// the import, so that any node can run or resume it; deleted in the transaction that ends it.
/// A Weasel table registered with Marten, so <c>db-apply</c>, <c>db-patch</c> and
/// <c>db-assert</c> know it.
/// </summary>
public static class StoredExtractTable
{
    public const string Name = "finess_extract_chunks";

    /// <summary>1 MiB: a national extract is a few dozen rows, and a reader holds one chunk at a time.</summary>
    public const int ChunkSize = 1 << 20;

    public static string QualifiedName(string schema) => $"{schema}.{Name}";

    public static ISchemaObject In(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("import_id", "text").AsPrimaryKey();
        table.AddColumn("seq", "integer").AsPrimaryKey();
        table.AddColumn("data", "bytea").NotNull();
        return table;
    }
}
