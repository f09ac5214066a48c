using RorNational.Domain.Capacity;
using RorNational.Domain.Establishments;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace RorNational.Offer.History;

/// <summary>
/// Which events make an establishment's timeline: one narrow row per event of an EJ or EG
/// stream and of its lieux' capacity streams: the establishment and the event's sequence (the
/// primary key, in the order a page is read), and what a page filters on, its kind
/// (<see cref="TimelineKinds"/>) and when it was recorded. The events themselves stay in Marten's event log and are read from
/// there (<see cref="TimelinePage"/>). Written by <see cref="EstablishmentTimelineIndex"/>; a
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
    /// A page of events in one statement, for Marten's <c>QueueSqlCommand</c>: the establishments,
    /// sequences, kinds and recorded times. Replayed, it adds nothing.
    /// </summary>
    public static string Insert(string schema) =>
        $"insert into {QualifiedName(schema)} (establishment, sequence, kind, recorded) " +
        "select * from unnest(?::text[], ?::bigint[], ?::text[], ?::timestamptz[]) on conflict do nothing";

    /// <summary>The EJ or EG whose timeline an event of this stream belongs to: a lieu's capacity changes are its EG's.</summary>
    public static string? EstablishmentOf(string stream) =>
        EstablishmentIds.IsEstablishmentStream(stream) ? stream
        : CapacityStreams.FinessOf(stream) is { } finess ? EstablishmentIds.EG(finess)
        : null;
}
