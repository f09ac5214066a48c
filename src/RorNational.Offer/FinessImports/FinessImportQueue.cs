using System.Threading.Channels;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments.Importing;
using RorNational.Finess;

namespace RorNational.Offer.FinessImports;

/// <summary>An accepted extract waiting to be imported.</summary>
public sealed record FinessImportWork(string ImportId, FinessExtract Extract, Actor By);

/// <summary>
/// Runs accepted imports one at a time in the background. An import interrupted by a
/// restart is marked so; importing the same file again completes it, since unchanged lines
/// emit nothing.
/// </summary>
public sealed class FinessImportQueue(
    IDocumentStore store, TimeProvider clock, IOptions<FinessImportOptions> options, ILogger<FinessImportQueue> logger) : BackgroundService
{
    private readonly Channel<FinessImportWork> _work = Channel.CreateUnbounded<FinessImportWork>();

    public void Enqueue(FinessImportWork work)
    {
        if (!_work.Writer.TryWrite(work)) throw new InvalidOperationException("the import queue is closed");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await MarkInterruptedImports(stoppingToken);
        await foreach (var work in _work.Reader.ReadAllAsync(stoppingToken))
        {
            await using var extract = work.Extract;
            try
            {
                await new FinessImportJob(store, clock, options.Value).RunAsync(work, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                var failure = exception as FinessImportFailure ?? FinessImportFailure.Unexpected(exception);
                // The causes' messages may hold the SQL of a batch and the values of its
                // parameters (contacts included): the log gets their types and where they
                // were thrown, never their text.
                var cause = failure.InnerException ?? failure;
                logger.LogError("FINESS import {ImportId} failed: {Reason} Causes: {Causes}. Thrown at:{NewLine}{StackTrace}",
                    work.ImportId, failure.Reason, Causes(cause), Environment.NewLine, cause.StackTrace);
                await TryMarkFailed(work, failure.Reason);
            }
        }
    }

    private static string Causes(Exception exception)
    {
        var types = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
            types.Add(e is Npgsql.PostgresException postgres ? $"{e.GetType().Name} {postgres.SqlState}" : e.GetType().Name);
        return string.Join(" <- ", types);
    }

    // A database still down must not end the queue, and with it the host: the import then
    // stays Running until the next start marks it Interrupted.
    private async Task TryMarkFailed(FinessImportWork work, string reason)
    {
        try
        {
            await MarkFailed(work, reason);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError("FINESS import {ImportId} could not be marked failed: {Causes}", work.ImportId, Causes(exception));
        }
    }

    private async Task MarkFailed(FinessImportWork work, string reason)
    {
        await using var session = store.LightweightSession();
        var import = await session.LoadAsync<FinessImport>(work.ImportId);
        if (import is null) return;
        import.Status = FinessImportStatus.Failed;
        import.Failure = reason;
        import.FinishedAt = clock.GetUtcNow();
        session.Store(import);
        session.Events.Append(FinessImportEndpoints.StreamOf(work.ImportId), new FinessImportFailed(work.ImportId, reason, work.By, clock.GetUtcNow()));
        await session.SaveChangesAsync();
    }

    private async Task MarkInterruptedImports(CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        var running = await session.Query<FinessImport>().Where(i => i.Status == FinessImportStatus.Running).ToListAsync(cancellation);
        foreach (var import in running)
        {
            import.Status = FinessImportStatus.Interrupted;
            import.Failure = "the server stopped during the import; import the same file again to complete it";
            session.Store(import);
        }
        if (running.Count > 0) await session.SaveChangesAsync(cancellation);
    }
}
