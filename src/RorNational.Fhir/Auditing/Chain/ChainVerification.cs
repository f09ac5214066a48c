using Marten;
using Npgsql;

namespace RorNational.Fhir.Auditing.Chain;

/// <summary>What a walk of the chain found: intact, or its first broken link.</summary>
public sealed record ChainCheck(long Checked, long? BrokenPosition = null, string? BrokenRecord = null, string? Reason = null)
{
    public bool Intact => BrokenPosition is null;
}

/// <summary>
/// Walks the audit chain in order, in one snapshot, and stops at the first broken link: a
/// position that is not the previous one plus one (rows removed: the gap is named), a previous
/// hash that is not the previous row's hash, or a hash that is not that of the row's columns
/// (the row altered). Removing the last rows leaves no trace in the chain itself: compare the
/// number checked, or the last hash, with one noted earlier.
/// </summary>
public sealed class ChainVerification(IDocumentStore store, ChainLinker linker)
{
    public async Task<ChainCheck> CheckAsync(CancellationToken cancellation)
    {
        // The records committed before the check are checked too.
        await linker.CatchUpAsync(cancellation);
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(
            "select position, kind, id, recorded, agent, type, subtype, entities, entity_types, content, previous_hash, hash " +
            $"from {AuditChainTable.QualifiedName(store.Options.DatabaseSchemaName)} order by position", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var expected = 1L;
        var previous = ChainHash.Genesis;
        var checkedCount = 0L;
        while (await reader.ReadAsync(cancellation))
        {
            var position = reader.GetInt64(0);
            var record = new ChainedRecord(reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetFieldValue<string[]>(7), reader.GetFieldValue<string[]>(8), reader.GetString(9));
            var name = $"{record.Kind}/{record.Id}";
            if (position != expected)
                return new ChainCheck(checkedCount, position, name, expected == position - 1
                    ? $"the record at position {expected} is missing before {name}"
                    : $"the records at positions {expected} to {position - 1} are missing before {name}");
            if (!reader.GetFieldValue<byte[]>(10).AsSpan().SequenceEqual(previous))
                return new ChainCheck(checkedCount, position, name, $"{name} does not follow the record before it (its previous hash differs)");
            var hash = reader.GetFieldValue<byte[]>(11);
            if (!ChainHash.Of(previous, position, record).AsSpan().SequenceEqual(hash))
                return new ChainCheck(checkedCount, position, name, $"{name} was altered (its content does not give its hash)");
            previous = hash;
            expected++;
            checkedCount++;
        }
        return new ChainCheck(checkedCount);
    }
}
