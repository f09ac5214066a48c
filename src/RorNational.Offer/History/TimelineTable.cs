using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace RorNational.Offer.History;

/// <summary>
/// Which events make an establishment's timeline: one narrow row per event of an EJ or EG
/// stream and of its lieux' capacity streams: the establishment and the event's sequence (the
/// primary key, in the order a page is read), and what a page filters on, its kind
/// (<see cref="TimelineKinds"/>) and when it was recorded. The events themselves stay in
/// Marten's event log and are read from there (<see cref="TimelinePage"/>). Written by <see cref="EstablishmentTimelineIndex"/>; a
/// Weasel table registered with Marten, so <c>db-apply</c>, <c>db-patch</c> and <c>db-assert</c> know it.
/// </summary>
public static class TimelineTable
{
    public const string Name = "establishment_timeline";

    public static string QualifiedName(string schema) => $"{schema}.{Name}";

    public static ISchemaObject In(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("establishment", "text").AsPrimaryKey();
        table.AddColumn("sequence", "bigint").AsPrimaryKey();
        table.AddColumn("kind", "text").NotNull();
        table.AddColumn("recorded", "timestamp with time zone").NotNull();
        return table;
    }

    /// <summary>
    /// The rows of a transaction's events in one statement, for Marten's <c>QueueSqlCommand</c>: the
    /// establishments, sequences, kinds and recorded times. Applied again (Marten's rebuild), a row
    /// is rewritten, not added: its kind follows <see cref="TimelineKinds"/> as it is then.
    /// </summary>
    public static string Upsert(string schema) =>
        $"insert into {QualifiedName(schema)} (establishment, sequence, kind, recorded) " +
        "select * from unnest(?::text[], ?::bigint[], ?::text[], ?::timestamptz[]) " +
        "on conflict (establishment, sequence) do update set kind = excluded.kind, recorded = excluded.recorded";
}
