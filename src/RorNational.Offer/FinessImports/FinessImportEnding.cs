using Marten;
using Microsoft.Extensions.Logging;
using RorNational.Domain.Establishments.Importing;

namespace RorNational.Offer.FinessImports;

/// <summary>Marks an import Failed, with its reason, and logs it without data.</summary>
public sealed class FinessImportEnding(IDocumentStore store, TimeProvider clock, ILogger<FinessImportHandler> logger)
{
    /// <summary>
    /// Logs the failure (reason, exception types and where they were thrown, never their
    /// messages, which may hold the SQL of a batch and its values) and marks the import Failed,
    /// deleting its stored extract. A database still down leaves it Running, logged: its
    /// message stays in the inbox and runs again when its node restarts or another takes it.
    /// </summary>
    public async Task FailAsync(ImportFinessExtract work, string reason, Exception cause)
    {
        logger.LogError("FINESS import {ImportId} failed: {Reason} Causes: {Causes}. Thrown at:{NewLine}{StackTrace}",
            work.ImportId, reason, Causes(cause), Environment.NewLine, cause.StackTrace);
        try
        {
            await MarkFailed(work, reason);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError("FINESS import {ImportId} could not be marked failed: {Causes}", work.ImportId, Causes(exception));
            throw new FinessImportInterrupted(work.ImportId, reason);
        }
    }

    public static string Causes(Exception exception)
    {
        var types = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
            types.Add(e is Npgsql.PostgresException postgres ? $"{e.GetType().Name} {postgres.SqlState}" : e.GetType().Name);
        return string.Join(" <- ", types);
    }

    private async Task MarkFailed(ImportFinessExtract work, string reason)
    {
        await using var session = store.LightweightSession();
        var import = await session.LoadAsync<FinessImport>(work.ImportId);
        if (import is not { Status: FinessImportStatus.Running }) return;
        import.Status = FinessImportStatus.Failed;
        import.Failure = reason;
        import.FinishedAt = clock.GetUtcNow();
        import.Node = FinessImportJob.NodeName;
        session.Store(import);
        StoredExtracts.StoredExtract.DeleteWith(session, work.ImportId);
        session.Events.Append(FinessImportEndpoints.StreamOf(work.ImportId), new FinessImportFailed(work.ImportId, reason, work.By, clock.GetUtcNow()));
        await session.SaveChangesAsync();
    }
}
