using System.Text.Json;
using Npgsql;

namespace RorNational.Offer.FinessImports;

/// <summary>
/// Why an import stopped, in words an operator can act on and safe to store in the import's
/// report: never the SQL of a batch nor a value of the data (the database's own messages
/// may quote them), only where it stopped and the kind of cause.
/// </summary>
public sealed class FinessImportFailure(string reason, Exception cause) : Exception(reason, cause)
{
    public string Reason => Message;

    /// <summary>The database refused, or could not take, the batch of lines being written.</summary>
    public static FinessImportFailure OfBatch(int batch, long firstLine, long lastLine, Exception cause) => new(
        $"the database refused batch {batch} (lines {firstLine} to {lastLine}): {DatabaseCause(cause)}. " +
        "The batches before it are imported and nothing was closed; import the same file again once the cause is fixed.",
        cause);

    /// <summary>The database refused the last step: the closures and the report, written together.</summary>
    public static FinessImportFailure OfFinish(Exception cause) => new(
        $"the database refused the last step (closures and report): {DatabaseCause(cause)}. " +
        "Every line is imported and nothing was closed; import the same file again once the cause is fixed.",
        cause);

    /// <summary>Anything else: only its type is told, the server log has the rest.</summary>
    public static FinessImportFailure Unexpected(Exception cause) => new(
        $"an unexpected {cause.GetType().Name} stopped the import; the server log has the details. Nothing was closed.", cause);

    /// <summary>The extract could not be read to its end.</summary>
    public static FinessImportFailure OfReading(long linesRead, Exception cause) => new(
        (cause is InvalidDataException or JsonException or IOException or System.Text.DecoderFallbackException
            ? $"the file could not be read after line {linesRead}: {cause.Message}"
            : $"an unexpected {cause.GetType().Name} stopped the import after line {linesRead}; the server log has the details") +
        ". The lines before it are imported and nothing was closed.",
        cause);

    private static string DatabaseCause(Exception cause)
    {
        for (var e = cause; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres) return $"PostgreSQL error {postgres.SqlState} ({ClassOf(postgres.SqlState)})";
            if (e is NpgsqlException) return "the database could not be reached or did not answer in time";
            if (e is TimeoutException) return "the database did not answer in time";
        }
        return $"an unexpected {cause.GetType().Name}; the server log has the details";
    }

    // The classes of PostgreSQL error codes (Appendix A of its manual) an import can meet.
    private static string ClassOf(string sqlState) => sqlState[..2] switch
    {
        "08" => "connection exception",
        "22" => "data exception",
        "23" => "integrity constraint violation",
        "25" => "invalid transaction state",
        "40" => "transaction rolled back: conflict with another transaction",
        "42" => "syntax error or access rule violation",
        "53" => "insufficient resources",
        "54" => "program limit exceeded",
        "55" => "object not in prerequisite state",
        "57" => "operator intervention: statement cancelled or server shutting down",
        "58" => "system error",
        "P0" => "error raised by a database function",
        "XX" => "internal error",
        _ => "database error",
    };
}
