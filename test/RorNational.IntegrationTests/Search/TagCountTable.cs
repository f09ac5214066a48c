using RorNational.Fhir.Search.Indexing.Tags;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Search;

/// <summary>What the tests read of fhir_search_tag_count (TagCounts).</summary>
public static class TagCountTable
{
    /// <summary>The kept counts as their sums, and the sums the token rows make now: equal, whatever wrote the rows.</summary>
    public static async Task<(List<string> Kept, List<string> OfRows)> Counts(string connectionString, string schema) =>
        (await Sql.Rows(connectionString, KeptCounts(schema), r => r.GetString(0)),
         await Sql.Rows(connectionString, CountsAsSums(TagCounts.CountsOf(schema)), r => r.GetString(0)));

    /// <summary>The kept counts as their sums, one line per key, whatever rows hold them: what a rebuild and the live writes must agree on.</summary>
    public static string KeptCounts(string schema) => CountsAsSums($"select * from {schema}.{TagCounts.Table}");

    /// <summary>The table's rows, and its keys.</summary>
    public static async Task<(int Rows, int Keys)> RowsAndKeys(string connectionString, string schema) => (await Sql.Rows(connectionString,
        $"select count(*)::int, count(distinct (resource_type, system, code, signature))::int from {schema}.{TagCounts.Table}",
        r => (r.GetInt32(0), r.GetInt32(1)))).Single();

    private static string CountsAsSums(string counts) => KeptCountSums.Of(counts, "resource_type, system, code, signature", "resources");
}
