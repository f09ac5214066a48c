using System.Data;
using System.Runtime.CompilerServices;
using JasperFx.Events;
using Marten;
using Marten.Storage;
using Npgsql;
using RorNational.Domain;

namespace RorNational.Fhir.Description;

/// <summary>
/// The events of some streams read from Marten's event table, each query in one read-only,
/// repeatable-read transaction on one connection: every read of one description sees the same
/// committed events (an EG write committing between two reads cannot be half in it). A query
/// gives the streams' events up to a cut on the global sequence, in sequence order: each row read
/// asynchronously, then its data deserialized from the row Npgsql has already buffered, by the
/// Marten event mapping of the type the event's stored name stands for (<see cref="EventCatalogue"/>;
/// <c>EventMapping.ReadEventData</c>, Marten's serializer). Marten's LINQ reader deserializes every
/// event as an asynchronous stream of its own, which for the 10,000 capacity events of a busy
/// establishment took about half of a <c>$description</c> (docs/benchmarks.md, 2026-12-05).
/// Archived events are left out, as Marten's queries leave them. The store has one tenant, and
/// no upcaster: a stored name the catalogue does not know is an error here.
/// </summary>
public sealed class StreamEventRows : IAsyncDisposable
{
    private static readonly IReadOnlyDictionary<string, Type> TypeOfStoredName =
        EventCatalogue.StoredNames.ToDictionary(p => p.Value, p => p.Key);

    private readonly IQuerySession _session;
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private StreamEventRows(IQuerySession session, NpgsqlConnection connection, NpgsqlTransaction transaction) =>
        (_session, _connection, _transaction) = (session, connection, transaction);

    public static async Task<StreamEventRows> OpenAsync(IQuerySession session, CancellationToken cancellation)
    {
        var connection = session.Database.CreateConnection(ConnectionUsage.Read);
        try
        {
            await connection.OpenAsync(cancellation);
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellation);
            await using (var readOnly = new NpgsqlCommand("set transaction read only", connection, transaction))
                await readOnly.ExecuteNonQueryAsync(cancellation);
            return new StreamEventRows(session, connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The streams' events up to the cut, in sequence order, in a list.</summary>
    public async Task<List<IEvent>> ReadAsync(IReadOnlyCollection<string> streams, long cut, CancellationToken cancellation)
    {
        var events = new List<IEvent>();
        await foreach (var e in StreamAsync(streams, cut, cancellation)) events.Add(e);
        return events;
    }

    /// <summary>
    /// The streams' events up to the cut, in sequence order, each given as soon as its row is read:
    /// the caller may fold them as they come, and none need outlive its fold.
    /// </summary>
    public async IAsyncEnumerable<IEvent> StreamAsync(IReadOnlyCollection<string> streams, long cut, [EnumeratorCancellation] CancellationToken cancellation)
    {
        if (streams.Count == 0) yield break;
        var options = _session.DocumentStore.Options;
        var graph = (Marten.Events.EventGraph)options.Events;
        var serializer = options.Serializer();
        await using var command = Command(
            "select data, seq_id, id, stream_id, version, timestamp, type from {0} where stream_id = any($1) and seq_id <= $2 and is_archived = false order by seq_id",
            streams, new NpgsqlParameter<long> { TypedValue = cut });
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
            yield return e;
        }
    }

    /// <summary>
    /// The highest sequence among the streams' events stamped at or before the instant; null when
    /// none is. Each stream is walked back from its newest version (Marten's index on stream and
    /// version; in a stream, versions follow the sequence): the cost is the establishment's own
    /// history since the instant. Asked of the whole table at once, PostgreSQL walked the sequence
    /// back from the newest event of the repository (1.1 s for an instant 180,000 events ago at
    /// scale 0.05, 73 ms this way).
    /// </summary>
    public async Task<long?> LastSequenceAtAsync(IReadOnlyCollection<string> streams, DateTimeOffset at, CancellationToken cancellation)
    {
        await using var command = Command(
            "select max(last.seq_id) from unnest($1) as s(stream) cross join lateral " +
            "(select e.seq_id from {0} e where e.stream_id = s.stream and e.timestamp <= $2 and e.is_archived = false order by e.version desc limit 1) last",
            streams, new NpgsqlParameter<DateTimeOffset> { TypedValue = at.ToUniversalTime() });
        return await command.ExecuteScalarAsync(cancellation) is long sequence ? sequence : null;
    }

    /// <summary>A query of the event table ({0}) in the transaction: $1 the streams, $2 the bound.</summary>
    private NpgsqlCommand Command(string sql, IReadOnlyCollection<string> streams, NpgsqlParameter bound) =>
        new(string.Format(sql, $"{_session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events"), _connection, _transaction)
        {
            Parameters = { new NpgsqlParameter<string[]> { TypedValue = [.. streams] }, bound },
        };

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
