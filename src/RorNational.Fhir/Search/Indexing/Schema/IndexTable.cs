using System.Data.Common;
using Weasel.Core;
using Weasel.Postgresql;

namespace RorNational.Fhir.Search.Indexing.Schema;

/// <summary>
/// One search index table as a Weasel schema object, so that Marten's migrations
/// (<c>db-apply</c>, <c>db-patch</c>, <c>db-assert</c>, <c>ApplyAllConfiguredChangesToDatabaseAsync</c>)
/// create it and check it. Weasel's <c>Table</c> cannot express what the search needs
/// (columns in the C collation, operator classes, an index on an expression, extended
/// statistics), so the table is described in SQL and compared with the catalogue: columns by
/// name, type, collation and nullability; indexes and statistics by name and definition.
/// The tables that replaced Marten documents (the versions, the lieux' figures, the Provenance
/// records) are described the same way, with the rows each starts with (<see cref="FilledFrom"/>).
/// </summary>
public sealed class IndexTable(string schema, string name) : ISchemaObject
{
    readonly List<IndexColumn> columns = [];
    readonly List<IndexTableIndex> indexes = [];
    readonly List<ExtendedStatistics> statistics = [];

    public DbObjectName Identifier { get; } = new PostgresqlObjectName(schema, name, SchemaUtils.IdentifierUsage.General);
    public string Schema => schema;
    public string Name => name;
    public IReadOnlyList<IndexColumn> Columns => columns;
    public IReadOnlyList<IndexTableIndex> Indexes => indexes;
    public IReadOnlyList<ExtendedStatistics> Statistics => statistics;
    public string QualifiedName => $"{schema}.{name}";

    /// <param name="type">As <c>format_type</c> writes it: text, integer, numeric, timestamp with time zone...</param>
    /// <param name="collation">"C" for values compared by prefix or byte order; null for the type's default.</param>
    public IndexTable Column(string columnName, string type, bool notNull = true, string? collation = null)
    {
        columns.Add(new IndexColumn(columnName, type, notNull, collation));
        return this;
    }

    /// <param name="definition">What follows USING, as <c>pg_get_indexdef</c> writes it: "btree (a, b) INCLUDE (c)", "gin (normalized gin_trgm_ops)".</param>
    public IndexTable Index(string indexName, string definition)
    {
        indexes.Add(new IndexTableIndex(indexName, definition));
        return this;
    }

    /// <summary>Extended statistics (dependencies, mcv) on columns the planner would otherwise think independent.</summary>
    public IndexTable StatisticsOn(string statisticsName, params string[] onColumns)
    {
        statistics.Add(new ExtendedStatistics(statisticsName, onColumns));
        return this;
    }

    public string PrimaryKey { get; private set; } = "";

    public IndexTable WithPrimaryKey(params string[] keyColumns)
    {
        PrimaryKey = string.Join(", ", keyColumns);
        return this;
    }

    /// <summary>
    /// SQL run once, right after the table is created (never when it is found): the rows a table
    /// that replaces an older store starts with, copied from it.
    /// </summary>
    public string? FilledOnCreation { get; private set; }

    public IndexTable FilledWith(string sql)
    {
        FilledOnCreation = sql;
        return this;
    }

    /// <summary>
    /// The statement that fills a table whose rows are derived from other index tables (an
    /// <c>insert into … select</c> of them): run when the table is created, so that a database
    /// that had the others gets its rows at once, and by a rebuild once it has loaded the others
    /// (Host/Rebuilding/FreshIndexTables), rather than row by row as it replays.
    /// </summary>
    public string? Derivation { get; private set; }

    public IndexTable DerivedWith(string sql)
    {
        Derivation = sql;
        return FilledWith($"{sql};\nanalyze {QualifiedName};");
    }

    /// <summary>
    /// Filled, when created, from the older table it replaces if the database still has it:
    /// <paramref name="copy"/> (an <c>insert into … select … from</c> that table) runs only then,
    /// its conflicts ignored, and the table is analyzed at once, so that the planner does not take
    /// it for empty until autovacuum comes by (a page read of the Provenance records took 107 ms,
    /// a sequential scan, right after their copy: docs/benchmarks.md).
    /// </summary>
    /// <param name="olderTable">Qualified: "ror.mt_doc_fhirresourceversion".</param>
    public IndexTable FilledFrom(string olderTable, string copy) => FilledWith($$"""
        do $copy$ begin
        if to_regclass('{{olderTable}}') is not null then
        {{copy}}
        on conflict do nothing;
        analyze {{QualifiedName}};
        end if;
        end $copy$;
        """);

    public void WriteCreateStatement(Migrator migrator, TextWriter writer)
    {
        writer.WriteLine(CreateTableSql());
        foreach (var index in indexes) writer.WriteLine(index.CreateSql(this));
        foreach (var statistic in statistics) writer.WriteLine(statistic.CreateSql(this));
        if (FilledOnCreation is { } fill) writer.WriteLine(fill);
    }

    /// <summary>The table alone, its columns and primary key: no index, no statistics.</summary>
    public string CreateTableSql()
    {
        var lines = columns.Select(column => "    " + column.Ddl).ToList();
        if (PrimaryKey != "") lines.Add($"    primary key ({PrimaryKey})");
        return $"create table if not exists {QualifiedName} (\n{string.Join(",\n", lines)}\n);";
    }

    public void WriteDropStatement(Migrator rules, TextWriter writer) =>
        writer.WriteLine($"drop table if exists {QualifiedName} cascade;");

    public void ConfigureQueryCommand(Weasel.Core.DbCommandBuilder builder) => IndexTableCatalogue.Query(this, builder);

    public async Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct = default) =>
        new IndexTableDelta(this, await IndexTableCatalogue.ReadAsync(reader, ct));

    public IEnumerable<DbObjectName> AllNames() =>
        new[] { Identifier }
            .Concat(indexes.Select(index => (DbObjectName)new PostgresqlObjectName(schema, index.Name, SchemaUtils.IdentifierUsage.General)))
            .Concat(statistics.Select(statistic => (DbObjectName)new PostgresqlObjectName(schema, statistic.Name, SchemaUtils.IdentifierUsage.General)));
}

public sealed record IndexColumn(string Name, string Type, bool NotNull, string? Collation)
{
    public string Ddl => $"{Name} {Type}{(Collation is null ? "" : $" collate \"{Collation}\"")}{(NotNull ? " not null" : "")}";
}

public sealed record IndexTableIndex(string Name, string Definition)
{
    public string CreateSql(IndexTable table) => $"create index if not exists {Name} on {table.QualifiedName} using {Definition};";
}

public sealed record ExtendedStatistics(string Name, string[] Columns)
{
    public string Definition => string.Join(", ", Columns);

    public string CreateSql(IndexTable table) =>
        $"create statistics if not exists {table.Schema}.{Name} (dependencies, mcv) on {Definition} from {table.QualifiedName};";
}
