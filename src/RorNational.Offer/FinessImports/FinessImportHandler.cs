using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime;
using Wolverine.Runtime.Handlers;

namespace RorNational.Offer.FinessImports;

/// <summary>
/// Runs an import when its message comes off the durable queue, on whichever node holds the
/// message: the one that accepted the file, the same one restarted, or another that took over
/// the message of a node found dead. A transient failure is retried from the last committed
/// batch; when the retries run out, or on any other failure, the import is marked Failed.
/// </summary>
public sealed class FinessImportHandler(
    IDocumentStore store, TimeProvider clock, IOptions<FinessImportOptions> options, FinessImportEnding ending,
    IHostApplicationLifetime lifetime, ILogger<FinessImportHandler> logger)
{
    /// <summary>The national extract takes minutes; beyond this, the import is stopped and marked Failed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromHours(1);

    /// <summary>Waits between runs after a transient failure; then the import is marked Failed.</summary>
    public static readonly TimeSpan[] Cooldowns = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];

    public static void Configure(HandlerChain chain)
    {
        chain.ExecutionTimeoutInSeconds = (int)Timeout.TotalSeconds;
        chain.OnException<FinessImportInterrupted>()
            .RetryWithCooldown(Cooldowns)
            // Every later failure too: a message recovered after a crash counts the attempts made before it.
            .Then.CustomActionIndefinitely(FailAfterRetries, "mark the FINESS import Failed");
        // The node stops: the message stays in the inbox, handed back for another run.
        chain.OnException<OperationCanceledException>()
            .CustomActionIndefinitely((_, _, _) => ValueTask.CompletedTask, "leave the FINESS import to the next node");
    }

    public async Task Handle(ImportFinessExtract work, CancellationToken cancellation)
    {
        // A node that stops hands the import back at once (between two batches' writes), rather
        // than when Wolverine's drain gives up waiting for it.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellation, lifetime.ApplicationStopping);
        try
        {
            await new FinessImportJob(store, clock, options.Value).RunAsync(work, stopping.Token);
        }
        catch (FinessImportTakenOver)
        {
            logger.LogWarning("FINESS import {ImportId} goes on in another run; this one stops", work.ImportId);
        }
        catch (Exception) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Whatever the cancellation made of the batch under way (rolled back), the import is not failed:
            // its message stays in the inbox for the next node (the cause is not attached: Wolverine logs it).
            throw new OperationCanceledException($"FINESS import {work.ImportId} handed back: this node stops");
        }
        catch (Exception exception) when (FinessImportTransience.IsTransient(exception))
        {
            var failure = exception as FinessImportFailure ?? FinessImportFailure.Unexpected(exception);
            logger.LogWarning("FINESS import {ImportId} interrupted, to be resumed after its last committed batch: {Reason} Causes: {Causes}",
                work.ImportId, failure.Reason, FinessImportEnding.Causes(exception));
            throw new FinessImportInterrupted(work.ImportId, failure.Reason);
        }
        catch (Exception exception)
        {
            var failure = exception as FinessImportFailure ?? (exception is OperationCanceledException
                ? new FinessImportFailure($"the import took longer than {Timeout.TotalMinutes} minutes and was stopped. " +
                                          "The batches before it are imported and nothing was closed.", exception)
                : FinessImportFailure.Unexpected(exception));
            await ending.FailAsync(work, failure.Reason, failure.InnerException ?? failure);
        }
    }

    private static async ValueTask FailAfterRetries(IWolverineRuntime runtime, IEnvelopeLifecycle lifecycle, Exception exception)
    {
        if (lifecycle.Envelope?.Message is not ImportFinessExtract work || exception is not FinessImportInterrupted interrupted) return;
        try
        {
            await runtime.Services.GetRequiredService<FinessImportEnding>().FailAsync(work, interrupted.Reason, interrupted);
            await lifecycle.CompleteAsync();
        }
        catch (FinessImportInterrupted)
        {
            // The database is still away: the message stays in the inbox (logged by FailAsync).
        }
    }
}
