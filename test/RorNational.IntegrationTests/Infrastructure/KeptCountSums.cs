namespace RorNational.IntegrationTests.Infrastructure;

/// <summary>
/// A table of kept counts holds changes (KeptCountFold): the tests compare it by its sums, one
/// line per key, whatever rows hold them, with the sums the index rows make now and with a
/// rebuild's.
/// </summary>
public static class KeptCountSums
{
    /// <param name="counts">A relation with the key columns and the count column: the table, or the counts derived from the rows.</param>
    /// <param name="keys">The key columns, comma-separated.</param>
    /// <param name="count">The column of the counts.</param>
    public static string Of(string counts, string keys, string count) =>
        $"select line from (select concat_ws(' ', {keys}, sum({count})) as line from ({counts}) n " +
        $"group by {keys} having sum({count}) <> 0) c order by line collate \"C\"";
}
