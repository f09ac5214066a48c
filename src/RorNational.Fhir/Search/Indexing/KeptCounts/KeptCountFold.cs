namespace RorNational.Fhir.Search.Indexing.KeptCounts;

/// <summary>
/// A table of kept counts holds changes, not totals (<see cref="Capacity.ServiceCapacityCounts"/>,
/// <see cref="Tags.TagCounts"/>): each writer inserts +n and -n for the keys it changed, so that no
/// writer waits on another's total. A fold sums them into one row per key.
/// </summary>
public static class KeptCountFold
{
    /// <summary>
    /// The changes of <paramref name="table"/> summed into one row per key, in one statement: a
    /// reader sees the rows before or after it, the same sums either way. Two folds at once sum
    /// different rows (the second skips those the first deleted). Nothing to do when each key has one row.
    /// </summary>
    /// <param name="table">Qualified.</param>
    /// <param name="keys">The key columns, comma-separated.</param>
    /// <param name="count">The column of the counts.</param>
    public static string Of(string table, string keys, string count) =>
        $"with folded as (delete from {table} where exists (select 1 from {table} group by {keys} having count(*) > 1) " +
        $"returning {keys}, {count}) " +
        $"insert into {table} ({keys}, {count}) select {keys}, sum({count}) from folded group by {keys} having sum({count}) <> 0";
}
