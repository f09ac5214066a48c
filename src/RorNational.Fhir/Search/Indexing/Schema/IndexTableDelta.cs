using Weasel.Core;

namespace RorNational.Fhir.Search.Indexing.Schema;

/// <summary>
/// The difference between an index table as configured and as found. A missing table is
/// created; missing, different or unexpected indexes and statistics are (re)created or dropped;
/// different columns or primary key are Invalid: the index is derived data, so the fix is to
/// drop the table, apply, and republish, which is an operator's decision, not a migration's.
/// </summary>
public sealed class IndexTableDelta : ISchemaObjectDelta
{
    readonly IndexTable expected;
    readonly List<IndexTableIndex> indexesToCreate;
    readonly List<string> indexesToDrop;
    readonly List<ExtendedStatistics> statisticsToCreate;
    readonly List<string> statisticsToDrop;

    public IndexTableDelta(IndexTable expected, ActualIndexTable actual)
    {
        this.expected = expected;
        indexesToCreate = expected.Indexes
            .Where(index => !actual.Indexes.TryGetValue(index.Name, out var found) || found != index.Definition).ToList();
        indexesToDrop = actual.Indexes.Keys.Where(name => expected.Indexes.All(index => index.Name != name))
            .Concat(indexesToCreate.Where(index => actual.Indexes.ContainsKey(index.Name)).Select(index => index.Name)).ToList();
        statisticsToCreate = expected.Statistics
            .Where(statistic => !actual.Statistics.TryGetValue(statistic.Name, out var found) || found != statistic.Definition).ToList();
        statisticsToDrop = actual.Statistics.Keys.Where(name => expected.Statistics.All(statistic => statistic.Name != name))
            .Concat(statisticsToCreate.Where(statistic => actual.Statistics.ContainsKey(statistic.Name)).Select(statistic => statistic.Name)).ToList();

        Difference =
            !actual.Exists ? SchemaPatchDifference.Create
            : !actual.Columns.SequenceEqual(expected.Columns) || actual.PrimaryKey != (expected.PrimaryKey == "" ? "" : $"btree ({expected.PrimaryKey})") ? SchemaPatchDifference.Invalid
            : indexesToCreate.Count + indexesToDrop.Count + statisticsToCreate.Count + statisticsToDrop.Count > 0 ? SchemaPatchDifference.Update
            : SchemaPatchDifference.None;
    }

    public ISchemaObject SchemaObject => expected;
    public SchemaPatchDifference Difference { get; }

    public void WriteUpdate(Migrator rules, TextWriter writer)
    {
        foreach (var name in statisticsToDrop) writer.WriteLine($"drop statistics if exists {expected.Schema}.{name};");
        foreach (var name in indexesToDrop) writer.WriteLine($"drop index if exists {expected.Schema}.{name};");
        foreach (var index in indexesToCreate) writer.WriteLine(index.CreateSql(expected));
        foreach (var statistic in statisticsToCreate) writer.WriteLine(statistic.CreateSql(expected));
    }

    /// <summary>Undoes an update: the indexes and statistics it created are dropped (those it dropped are not restored).</summary>
    public void WriteRollback(Migrator rules, TextWriter writer)
    {
        foreach (var index in indexesToCreate) writer.WriteLine($"drop index if exists {expected.Schema}.{index.Name};");
        foreach (var statistic in statisticsToCreate) writer.WriteLine($"drop statistics if exists {expected.Schema}.{statistic.Name};");
    }

    public void WriteRestorationOfPreviousState(Migrator rules, TextWriter writer) => WriteRollback(rules, writer);

    public override string ToString() => $"{expected.QualifiedName}: {Difference}";
}
