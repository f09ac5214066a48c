using System.Data.Common;
using Weasel.Core;
using Weasel.Storage;

namespace RorNational.Fhir.Storage;

/// <summary>
/// A select of a session's batch run for what it does, not what it returns: rows locked before the
/// batch writes ("… for share/update"), an advisory lock waited for, a function that refuses what
/// it finds. An operation of its own rather than a plain SQL command, because it returns a
/// result, and the batch must step over it. Queued with <c>QueueSqlCommand</c>, which says it
/// returns nothing, its result was read in place of the next operation's: the insert of a
/// supplier's receipt, after the capacity chain's locks, read their rows, or no row, as its own
/// (every capacity group with request ids failed once a lock locked nothing).
/// </summary>
public sealed class SelectInBatch : Weasel.Storage.IStorageOperation
{
    private readonly string[] _parts;
    private readonly object[] _values;

    private SelectInBatch(string sql, object[] values)
    {
        _parts = sql.Split('?');
        if (_parts.Length != values.Length + 1) throw new ArgumentException($"{_parts.Length - 1} placeholders for {values.Length} values: {sql}", nameof(values));
        _values = values;
    }

    /// <param name="sql">The statement, with "?" for each value, in order (and no other "?").</param>
    /// <param name="values">One per placeholder, in order (an array of ids is one value).</param>
    public static void Queue(Marten.IDocumentOperations operations, string sql, object[] values) =>
        operations.QueueOperation(new SelectInBatch(sql, values));

    /// <summary>As Marten's own SQL commands say: no document of the store.</summary>
    public Type DocumentType => typeof(Marten.Storage.StorageFeatures);

    public void ConfigureCommand(ICommandBuilder builder, IStorageSession session)
    {
        builder.Append(_parts[0]);
        for (var i = 0; i < _values.Length; i++)
        {
            builder.AppendParameter(_values[i]);
            builder.Append(_parts[i + 1]);
        }
    }

    /// <summary>Nothing to read: the batch steps over the result.</summary>
    public void Postprocess(DbDataReader reader, IList<Exception> exceptions)
    {
    }

    public Task PostprocessAsync(DbDataReader reader, IList<Exception> exceptions, CancellationToken token) => Task.CompletedTask;

    public OperationRole Role() => OperationRole.Other;
}
