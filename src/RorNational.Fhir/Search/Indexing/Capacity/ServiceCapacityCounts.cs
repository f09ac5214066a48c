using RorNational.Fhir.Search.Indexing.KeptCounts;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Search.Indexing.Capacity;

/// <summary>
/// Writes fhir_search_service_capacity_count (<see cref="SearchIndexSchema"/>): for each capacity
/// status, how many HealthcareServices have a row of fhir_search_service_capacity of that status with
/// a positive count, by the set of masks of those rows (their "signature": each row's pair of
/// masks, the indicator's and the reference's). The exact total of the guide's national capacity
/// search (HealthcareService?location.capacity-status=02&amp;location.nb-capacity=gt0) is then the sum
/// of the counts whose signature holds a pair the caller may see, a few rows, where counting the
/// services read 628,448 index entries for 302,005 UO at the national scale (476 ms).
/// </summary>
/// <remarks>
/// The table holds changes, not totals: each statement that deletes or inserts rows of
/// fhir_search_service_capacity (<see cref="ServiceCapacityRows"/>) inserts, in the same statement,
/// -1 for the signature each service it changes had and +1 for the one it has after, netted. The
/// sum over a status and signature is the count, whatever rows hold it, in any snapshot. Inserting
/// never waits on another writer, where one total per signature would make every writer of the
/// nation wait on the same row. <see cref="Fold"/> sums the changes now and then
/// (<see cref="KeptCountFolding"/>). A service's signature is read and written by one
/// transaction at a time: each writer locks the resource rows of the services it changes first.
/// </remarks>
public static class ServiceCapacityCounts
{
    public const string Table = "fhir_search_service_capacity_count";

    /// <summary>The rows that count: a status, and a positive count.</summary>
    private const string Counting = "status is not null and nb_capacity > 0";

    /// <summary>A row's pair of masks as one bigint: the indicator's in the high half, the reference's in the low.</summary>
    private const string Pair = "(requires::bigint << 32) | (reference_requires::bigint & 4294967295)";

    /// <summary>The pair of masks of <see cref="Pair"/> again, as the columns requires and reference_requires of a relation.</summary>
    public static string Masks(string pair) => $"select ({pair} >> 32)::int as requires, ({pair} & 4294967295)::int as reference_requires";

    /// <summary>The table filled from fhir_search_service_capacity as it is: on creation, and by a rebuild once that table is derived.</summary>
    public static string Derive(string schema) => $"insert into {schema}.{Table} (status, signature, services) {CountsOf(schema)}";

    /// <summary>The counts (status, signature, services) that the rows of fhir_search_service_capacity make now.</summary>
    public static string CountsOf(string schema) =>
        "select status, signature, count(*) as services " +
        $"from ({Signatures($"select * from {schema}.fhir_search_service_capacity where resource_type = 'HealthcareService'")}) s group by status, signature";

    /// <summary>
    /// A change of fhir_search_service_capacity counted: <paramref name="deletes"/> (a delete of alias
    /// t, without returning) and <paramref name="inserts"/> (an insert … select, without returning),
    /// either null, run as one statement whose changes of the counts are inserted with them.
    /// <paramref name="with"/>: CTEs both may read ("name as (…), ").
    /// </summary>
    public static string Counted(string schema, string? deletes, string? inserts, string with = "")
    {
        var table = $"{schema}.fhir_search_service_capacity";
        const string Columns = "id, status, nb_capacity, requires, reference_requires";
        var ctes = new List<string>();
        var changed = new List<string>();
        if (deletes is not null)
        {
            ctes.Add($"gone as ({deletes} returning t.ctid as row_id, t.id)");
            changed.Add("select id from gone");
        }
        if (inserts is not null)
        {
            ctes.Add($"added as ({inserts} returning {Columns})");
            changed.Add("select id from added");
        }
        // Every statement of the CTEs sees the rows as they were before it: "before" reads them.
        ctes.Add($"before as (select b.ctid as row_id, {ColumnLists.Qualified("b", Columns)} from {table} b " +
                 $"where b.resource_type = 'HealthcareService' and b.id in ({string.Join(" union ", changed)}))");
        var after = new List<string>
        {
            "select " + Columns + " from before" + (deletes is null ? "" : " where not exists (select 1 from gone g where g.row_id = before.row_id)"),
        };
        if (inserts is not null) after.Add($"select {Columns} from added");
        ctes.Add($"after as ({string.Join(" union all ", after)})");
        return $"with {with}{string.Join(", ", ctes)} " +
               $"insert into {schema}.{Table} (status, signature, services) select status, signature, sum(change) from (" +
               $"select status, signature, -1 as change from ({Signatures("select * from before")}) o union all " +
               $"select status, signature, 1 from ({Signatures("select * from after")}) n) d group by status, signature having sum(change) <> 0";
    }

    /// <summary>Each service's signature per status, of the rows of <paramref name="rows"/> that count.</summary>
    private static string Signatures(string rows) =>
        $"select id, status, array_agg(distinct pair order by pair) as signature from (select id, status, {Pair} as pair from ({rows}) r where {Counting}) p group by id, status";

    /// <summary>The changes summed into one row per status and signature (<see cref="KeptCountFold"/>).</summary>
    public static string Fold(string schema) => KeptCountFold.Of($"{schema}.{Table}", "status, signature", "services");
}
