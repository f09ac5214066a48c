using Marten;
using RorNational.Fhir.Search.Indexing.Schema;
using Weasel.Core;

namespace RorNational.Fhir.Availability.Figures;

/// <summary>
/// The figures of each lieu for the bed-availability synthesis: one row per lieu that was ever
/// supplied capacity, keyed by its capacity stream ("capacity-&lt;FINESS&gt;-&lt;lieu fiche id&gt;",
/// <see cref="Domain.Capacity.CapacityStreams"/>), with its six figures (<see cref="FigureSums"/>;
/// null where it has no indicator for one) and the latest <c>capacityUpdateDate</c> it was ever
/// supplied with. Written by the publication in the capacity change's own transaction
/// (<see cref="AvailabilityFigureRows"/>), read by the synthesis without any JSON
/// (<see cref="Synthesis.PlacedUnits"/>). A Weasel schema object registered with Marten, so
/// <c>db-apply</c>, <c>db-patch</c> and <c>db-assert</c> know it.
/// </summary>
/// <remarks>
/// Until 2026-12 the figures were Marten documents (<c>mt_doc_lieuavailability</c>) kept by an
/// asynchronous projection: the daemon read every capacity event a second time, and upserted
/// one document per lieu with its indicators as JSON and an index on each of seven columns no
/// query used (docs/benchmarks.md, "The availability figures in the change's transaction").
/// The table is filled, when it is created, with the figures that older table holds; the older
/// table is then read no more and may be dropped.
/// </remarks>
public static class AvailabilityFiguresTable
{
    public const string Name = "availability_figures";

    public static string QualifiedName(string schema) => $"{schema}.{Name}";

    public static string QualifiedName(IDocumentStore store) => QualifiedName(store.Options.DatabaseSchemaName);

    /// <summary>The figures' columns, in the order <see cref="Synthesis.AvailabilityFigures"/> takes them.</summary>
    public const string FigureColumns = "available, installed, closed, closed_reactivable, supplementary, forecast_next_day";

    public static ISchemaObject In(string schema) =>
        new IndexTable(schema, Name)
            .Column("id", "text")
            .Column("available", "integer", notNull: false)
            .Column("installed", "integer", notNull: false)
            .Column("closed", "integer", notNull: false)
            .Column("closed_reactivable", "integer", notNull: false)
            .Column("supplementary", "integer", notNull: false)
            .Column("forecast_next_day", "integer", notNull: false)
            .Column("last_source_date", "timestamp with time zone", notNull: false)
            .WithPrimaryKey("id")
            .FilledFrom($"{schema}.mt_doc_lieuavailability", CopiedFromDocuments(schema));

    /// <summary>
    /// The rows of a transaction's lieux in one statement, for Marten's <c>QueueSqlCommand</c>: ids,
    /// the six figures and the latest source date of the batch's changes. A lieu's figures are
    /// replaced; its date only ever moves forward (an earlier batch may have supplied a later one).
    /// </summary>
    public static string Upsert(string schema) =>
        $"insert into {QualifiedName(schema)} as f (id, {FigureColumns}, last_source_date) " +
        "select * from unnest(?::text[], ?::integer[], ?::integer[], ?::integer[], ?::integer[], ?::integer[], ?::integer[], ?::timestamptz[]) " +
        "on conflict (id) do update set available = excluded.available, installed = excluded.installed, closed = excluded.closed, " +
        "closed_reactivable = excluded.closed_reactivable, supplementary = excluded.supplementary, forecast_next_day = excluded.forecast_next_day, " +
        "last_source_date = greatest(f.last_source_date, excluded.last_source_date)";

    /// <summary>The copy of the figures the Marten document table that held them before has (duplicated columns).</summary>
    private static string CopiedFromDocuments(string schema) => $"""
        insert into {QualifiedName(schema)} (id, {FigureColumns}, last_source_date)
        select d.id, d.available, d.installed, d.closed, d.closed_reactivable, d.supplementary, d.forecast_next_day, d.last_source_date
        from {schema}.mt_doc_lieuavailability d
        """;
}
