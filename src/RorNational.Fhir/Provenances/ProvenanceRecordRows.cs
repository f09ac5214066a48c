using System.Data.Common;
using Marten;
using Npgsql;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Provenances;

/// <summary>
/// Writes and reads the Provenance records (<see cref="ProvenanceRecordTable"/>): all those of a
/// batch by one statement of the session's batch; those of a page of the event sequence, in its order.
/// </summary>
public static class ProvenanceRecordRows
{
    public static void Upsert(IDocumentOperations operations, IReadOnlyList<ProvenanceRecord> records)
    {
        if (records.Count == 0) return;
        operations.QueueSqlCommand(ProvenanceRecordTable.Upsert(operations.DocumentStore.Options.DatabaseSchemaName),
            records.Select(r => r.Id).ToArray(),
            records.Select(r => r.Sequence).ToArray(),
            records.Select(r => r.Stream).ToArray(),
            records.Select(r => r.Recorded.ToUniversalTime()).ToArray(),
            records.Select(r => ArrayLiterals.Of(r.Agents)).ToArray(),
            records.Select(r => r.MainAgent).ToArray(),
            records.Select(r => r.MainAgentType).ToArray(),
            records.Select(r => r.Activity).ToArray(),
            records.Select(r => ArrayLiterals.Of(r.Targets)).ToArray(),
            records.Select(r => ArrayLiterals.Of(r.TargetClasses)).ToArray(),
            records.Select(r => r.Json).ToArray());
    }

    /// <summary>The records whose write's last event is in (<paramref name="floor"/>, <paramref name="ceiling"/>], in sequence order.</summary>
    public static async Task<IReadOnlyList<ProvenanceRecord>> BetweenAsync(IQuerySession session, long floor, long ceiling, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            $"select {ProvenanceRecordTable.Columns("p")} from {ProvenanceRecordTable.QualifiedName(session.DocumentStore)} p " +
            "where p.sequence > $1 and p.sequence <= $2 order by p.sequence");
        command.Parameters.Add(new NpgsqlParameter { Value = floor });
        command.Parameters.Add(new NpgsqlParameter { Value = ceiling });
        var records = new List<ProvenanceRecord>();
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        while (await reader.ReadAsync(cancellation)) records.Add(Read(reader));
        return records;
    }

    /// <summary>A row of <see cref="ProvenanceRecordTable.Columns"/>.</summary>
    public static ProvenanceRecord Read(DbDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Sequence = reader.GetInt64(1),
        Stream = reader.GetString(2),
        Recorded = new DateTimeOffset(reader.GetFieldValue<DateTime>(3), TimeSpan.Zero),
        Agents = reader.GetFieldValue<string[]>(4),
        MainAgent = reader.GetString(5),
        MainAgentType = reader.GetString(6),
        Activity = reader.GetString(7),
        Targets = reader.GetFieldValue<string[]>(8),
        TargetClasses = reader.GetFieldValue<int[]>(9),
        Json = reader.GetString(10),
    };
}
