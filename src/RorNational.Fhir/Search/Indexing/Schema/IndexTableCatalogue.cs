using System.Data.Common;
using Weasel.Core;

namespace RorNational.Fhir.Search.Indexing.Schema;

/// <summary>What the database holds of an index table: read from the PostgreSQL catalogue.</summary>
public sealed record ActualIndexTable(
    bool Exists,
    IReadOnlyList<IndexColumn> Columns,
    IReadOnlyDictionary<string, string> Indexes,
    IReadOnlyDictionary<string, string> Statistics,
    string PrimaryKey);

/// <summary>The three catalogue queries of one index table, batched by Weasel with every other schema object's.</summary>
static class IndexTableCatalogue
{
    public static void Query(IndexTable table, Weasel.Core.DbCommandBuilder builder)
    {
        var where = $"n.nspname = {Literal(table.Schema)} and c.relname = {Literal(table.Name)}";
        builder.Append(
            "select a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, " +
            "case when a.attcollation <> t.typcollation then co.collname end " +
            "from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace " +
            "join pg_type t on t.oid = a.atttypid left join pg_collation co on co.oid = a.attcollation " +
            $"where {where} and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped order by a.attnum;");
        builder.Append(
            "select ic.relname, pg_get_indexdef(i.indexrelid), i.indisprimary " +
            "from pg_index i join pg_class ic on ic.oid = i.indexrelid join pg_class c on c.oid = i.indrelid " +
            $"join pg_namespace n on n.oid = c.relnamespace where {where};");
        builder.Append(
            "select s.stxname, pg_get_statisticsobjdef_columns(s.oid) " +
            "from pg_statistic_ext s join pg_class c on c.oid = s.stxrelid join pg_namespace n on n.oid = c.relnamespace " +
            $"where {where};");
    }

    public static async Task<ActualIndexTable> ReadAsync(DbDataReader reader, CancellationToken ct)
    {
        var columns = new List<IndexColumn>();
        while (await reader.ReadAsync(ct))
            columns.Add(new IndexColumn(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2),
                await reader.IsDBNullAsync(3, ct) ? null : reader.GetString(3)));

        await reader.NextResultAsync(ct);
        var indexes = new Dictionary<string, string>();
        var primaryKey = "";
        while (await reader.ReadAsync(ct))
        {
            var definition = UsingClause(reader.GetString(1));
            if (reader.GetBoolean(2)) primaryKey = definition;
            else indexes[reader.GetString(0)] = definition;
        }

        await reader.NextResultAsync(ct);
        var statistics = new Dictionary<string, string>();
        while (await reader.ReadAsync(ct)) statistics[reader.GetString(0)] = reader.GetString(1);

        return new ActualIndexTable(columns.Count > 0, columns, indexes, statistics, primaryKey);
    }

    /// <summary>"CREATE INDEX x ON s.t USING gin (a)" becomes "gin (a)": the name and schema are compared apart.</summary>
    static string UsingClause(string indexDefinition)
    {
        var at = indexDefinition.IndexOf(" USING ", StringComparison.Ordinal);
        return at < 0 ? indexDefinition : indexDefinition[(at + " USING ".Length)..];
    }

    static string Literal(string value) => "'" + value.Replace("'", "''") + "'";
}
