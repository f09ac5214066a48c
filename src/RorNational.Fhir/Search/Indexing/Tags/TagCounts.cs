using RorNational.Fhir.Search.Indexing.KeptCounts;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Search.Indexing.Tags;

/// <summary>
/// Writes fhir_search_tag_count (<see cref="SearchIndexSchema"/>): for each resource type and
/// _tag (system and code), how many resources carry it, by the set of masks of their index rows
/// of that tag (their "signature"). The exact total of a search of one tag, such as a région's
/// Locations (Location?_tag=…TRE-R30-RegionOM|11, the guide's capacity consultation by région),
/// is then the sum of the counts whose signature holds a mask the caller may see: a few rows,
/// where counting Île-de-France's lieux read 27,120 index entries (60 ms idle, 64 ms on average
/// under the guide's searches, at the national scale).
/// </summary>
/// <remarks>
/// The table holds changes, not totals (<see cref="KeptCountFold"/>): the statement that replaces
/// the token rows of a batch's resources (<see cref="Replace"/>) inserts, in the same statement,
/// -1 for the signature of each tag a resource had and +1 for each it has, netted (a resource
/// republished with the same tags writes nothing). A resource's token rows are all deleted and
/// inserted again by the batch that publishes it, and two batches never publish one resource at
/// once (the second's version collides, ResourceVersionRows): the rows a statement deletes are
/// the resource's signature before it, those it inserts its signature after it, without a read.
/// A rebuild writes its staging tables without counts and derives them at the end.
/// </remarks>
public static class TagCounts
{
    public const string Table = "fhir_search_tag_count";

    private const string Keys = "resource_type, system, code, signature";

    /// <summary>The table filled from fhir_search_token as it is: on creation, and by a rebuild once that table is loaded.</summary>
    public static string Derive(string schema) => $"insert into {schema}.{Table} ({Keys}, resources) {CountsOf(schema)}";

    /// <summary>The counts (resource_type, system, code, signature, resources) that the token rows make now.</summary>
    public static string CountsOf(string schema) =>
        $"select {Keys}, count(*) as resources from ({Signatures($"select * from {schema}.fhir_search_token where param = '_tag'")}) s group by {Keys}";

    /// <summary>
    /// The token rows of the batch's resources replaced and their tags counted, in one statement.
    /// Its placeholders: with <paramref name="deletes"/>, the types and ids of the resources whose
    /// rows are deleted (text[], text[]); with <paramref name="inserts"/>, the rows inserted
    /// (<paramref name="insertedRows"/>, "select … from unnest(…)" of resource_type, id, param,
    /// system, code, requires). At least one of the two.
    /// </summary>
    public static string Replace(string schema, bool deletes, bool inserts, string insertedRows)
    {
        var table = $"{schema}.fhir_search_token";
        const string Columns = "resource_type, id, param, system, code, requires";
        var ctes = new List<string>();
        var changes = new List<string>();
        if (deletes)
        {
            ctes.Add($"gone as (delete from {table} t using unnest(?::text[], ?::text[]) as r(resource_type, id) " +
                     $"where t.resource_type = r.resource_type and t.id = r.id returning {ColumnLists.Qualified("t", Columns)})");
            changes.Add($"select {Keys}, -1 as change from ({Signatures("select * from gone")}) g");
        }
        if (inserts)
        {
            ctes.Add($"added as (insert into {table} ({Columns}) {insertedRows} returning {Columns})");
            changes.Add($"select {Keys}, 1 as change from ({Signatures("select * from added")}) a");
        }
        if (ctes.Count == 0) throw new ArgumentException("neither rows deleted nor rows inserted");
        return $"with {string.Join(", ", ctes)} " +
               $"insert into {schema}.{Table} ({Keys}, resources) select {Keys}, sum(change) from ({string.Join(" union all ", changes)}) d " +
               $"group by {Keys} having sum(change) <> 0";
    }

    /// <summary>The changes summed into one row per key (<see cref="KeptCountFold"/>).</summary>
    public static string Fold(string schema) => KeptCountFold.Of($"{schema}.{Table}", Keys, "resources");

    /// <summary>Each resource's signature per tag, of the token rows of <paramref name="rows"/>.</summary>
    private static string Signatures(string rows) =>
        "select resource_type, id, system, code, array_agg(distinct requires order by requires) as signature " +
        $"from ({rows}) r where param = '_tag' group by resource_type, id, system, code";
}
