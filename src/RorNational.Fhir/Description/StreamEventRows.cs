using JasperFx.Events;
using Marten;
using Npgsql;
using RorNational.Domain;

namespace RorNational.Fhir.Description;

/// <summary>
/// The events of some streams up to a cut on the global sequence, in sequence order, read from
/// Marten's event table in one query. Each row is read asynchronously, then its data deserialized
/// from the row Npgsql has already buffered, by Marten's own event mapping
/// (<c>EventMapping.ReadEventData</c>: same serializer, same upcasting). Marten's LINQ reader
/// deserializes every event as an asynchronous stream of its own, which for the 10,000 capacity
/// events of a busy establishment took about half of a <c>$description</c>
/// (docs/benchmarks.md, 2026-12-05). Archived events are left out, as Marten's queries leave them.
/// </summary>
public static class StreamEventRows
{
    private static readonly IReadOnlyDictionary<string, Type> TypeOfStoredName =
        EventCatalogue.StoredNames.ToDictionary(p => p.Value, p => p.Key);

    public static async Task<List<IEvent>> ReadAsync(IQuerySession session, IReadOnlyCollection<string> streams, long cut, CancellationToken cancellation)
    {
        var events = new List<IEvent>();
        if (streams.Count == 0) return events;
        var options = session.DocumentStore.Options;
        var graph = (Marten.Events.EventGraph)((StoreOptions)options).Events;
        var serializer = options.Serializer();
        await using var connection = session.Database.CreateConnection();
        await using var command = await CommandAsync(session, connection,
            "select data, seq_id, id, stream_id, version, timestamp, type from {0} where stream_id = any($1) and seq_id <= $2 and is_archived = false order by seq_id",
            streams, new NpgsqlParameter<long> { TypedValue = cut }, cancellation);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var name = reader.GetString(6);
            if (!TypeOfStoredName.TryGetValue(name, out var type))
                throw new InvalidOperationException($"Event {reader.GetInt64(1)} is of a type this version does not know: {name}");
            var e = graph.EventMappingFor(type).ReadEventData(serializer, reader);
            e.Sequence = reader.GetInt64(1);
            e.Id = reader.GetGuid(2);
            e.StreamKey = reader.GetString(3);
            e.Version = reader.GetInt64(4);
            e.Timestamp = reader.GetFieldValue<DateTimeOffset>(5);
            e.EventTypeName = name;
            events.Add(e);
        }
        return events;
    }

    /// <summary>The highest sequence among the streams' events stamped at or before the instant; null when none is.</summary>
    public static async Task<long?> LastSequenceAtAsync(IQuerySession session, IReadOnlyCollection<string> streams, DateTimeOffset at, CancellationToken cancellation)
    {
        await using var connection = session.Database.CreateConnection();
        await using var command = await CommandAsync(session, connection,
            "select max(seq_id) from {0} where stream_id = any($1) and timestamp <= $2 and is_archived = false",
            streams, new NpgsqlParameter<DateTimeOffset> { TypedValue = at.ToUniversalTime() }, cancellation);
        return await command.ExecuteScalarAsync(cancellation) is long sequence ? sequence : null;
    }

    /// <summary>A query of the event table ({0}) on the connection, opened: $1 the streams, $2 the bound.</summary>
    private static async Task<NpgsqlCommand> CommandAsync(
        IQuerySession session, NpgsqlConnection connection, string sql, IReadOnlyCollection<string> streams, NpgsqlParameter bound, CancellationToken cancellation)
    {
        await connection.OpenAsync(cancellation);
        var command = new NpgsqlCommand(string.Format(sql, $"{session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events"), connection)
        {
            Parameters = { new NpgsqlParameter<string[]> { TypedValue = [.. streams] }, bound },
        };
        return command;
    }
}
