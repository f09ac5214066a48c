namespace RorNational.Fhir.Storage;

/// <summary>
/// The async daemon's high-water mark, as SQL: the sequence below which every transaction has
/// committed (or was given up after <c>Projections:StaleSequenceThreshold</c>), 0 before the
/// daemon first moved it. What reads the event log in pages (<c>$export</c>'s cut, the timeline)
/// stops there, so that a next page never skips an event that commits late.
/// </summary>
public static class HighWaterMark
{
    /// <summary>A scalar subquery giving the mark, for the event schema.</summary>
    public static string Sql(string eventSchema) =>
        $"(select coalesce((select last_seq_id from {eventSchema}.mt_event_progression where name = 'HighWaterMark'), 0))";
}
