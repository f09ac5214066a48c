using Marten;
using Marten.Services;
using Npgsql;

namespace RorNational.Host;

/// <summary>
/// What Marten logs: failures with their SQL, never the command parameters. Parameters carry
/// the documents and event payloads being written (contacts of every confidentiality level
/// included), which no log may hold. Successful commands are not logged.
/// </summary>
public sealed class MartenLogWithoutParameters(ILogger logger) : IMartenLogger, IMartenSessionLogger
{
    public IMartenSessionLogger StartSession(IQuerySession session) => this;

    public void SchemaChange(string sql) => logger.LogInformation("Marten applied a schema change:\n{Sql}", sql);

    public void LogSuccess(NpgsqlCommand command)
    {
    }

    public void LogSuccess(NpgsqlBatch batch)
    {
    }

    public void LogFailure(NpgsqlCommand command, Exception exception) => LogFailure(exception, command.CommandText);

    public void LogFailure(NpgsqlBatch batch, Exception exception) =>
        LogFailure(exception, string.Join(";\n", batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText)));

    /// <summary>The exception is logged by its type and message only: Marten's command exceptions quote parameters in their inner details.</summary>
    public void LogFailure(Exception exception, string message)
    {
        if (IsCancellation(exception)) return;
        logger.LogError("Marten command failed ({Failure}: {Reason}):\n{Sql}",
            exception.GetType().Name, Reason(exception), message);
    }

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit)
    {
    }

    public void OnBeforeExecute(NpgsqlCommand command)
    {
    }

    public void OnBeforeExecute(NpgsqlBatch batch)
    {
    }

    private static bool IsCancellation(Exception exception) =>
        exception is OperationCanceledException || exception.InnerException is OperationCanceledException;

    /// <summary>PostgreSQL's own message (its SQLSTATE and text; the detail, which may quote values, is left out).</summary>
    private static string Reason(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is PostgresException postgres) return $"{postgres.SqlState} {postgres.MessageText}";
        return exception.InnerException?.GetType().Name ?? "no PostgreSQL error";
    }
}
