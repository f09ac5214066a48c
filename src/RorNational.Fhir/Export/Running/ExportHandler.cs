using Marten;
using Marten.Patching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RorNational.Fhir.Access;
using RorNational.Fhir.Export.Files;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime;
using Wolverine.Runtime.Handlers;

namespace RorNational.Fhir.Export.Running;

/// <summary>
/// Runs an export when its message comes off the durable queue, on whichever node holds it.
/// A run starts over from a new snapshot (the files of an earlier, interrupted run are deleted
/// first): a snapshot does not outlive its connection. A database failure is retried; when the
/// retries run out, or on any other failure, the export is marked Failed. Cancelled meanwhile,
/// the run stops at its next chunk. Done, it schedules its own expiry.
/// </summary>
public sealed class ExportHandler(
    IDocumentStore store, ExportSnapshot snapshot, AccessProfiles profiles, IOptions<ExportOptions> options, TimeProvider clock,
    IHostApplicationLifetime lifetime, ILogger<ExportHandler> logger)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromHours(2);

    /// <summary>Waits between runs after a database failure; then the export is marked Failed.</summary>
    public static readonly TimeSpan[] Cooldowns = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];

    /// <summary>What a caller polling a Failed export is told (never the data, nor the cause: that is logged).</summary>
    public const string FailureMessage = "the server could not write the files; the failure is logged";

    public static void Configure(HandlerChain chain)
    {
        chain.ExecutionTimeoutInSeconds = (int)Timeout.TotalSeconds;
        chain.OnException(DatabaseFailure.Is)
            .RetryWithCooldown(Cooldowns)
            // Every later failure too: a message recovered after a crash counts the attempts made before it.
            .Then.CustomActionIndefinitely(FailAfterRetries, "mark the export Failed");
        // The node stops: the message stays in the inbox for the next node.
        chain.OnException<OperationCanceledException>().CustomActionIndefinitely((_, _, _) => ValueTask.CompletedTask, "leave the export to the next node");
    }

    public async Task<DeliveryMessage<ExpireExport>?> Handle(RunExport run, CancellationToken cancellation)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellation, lifetime.ApplicationStopping);
        if (!await StartAsync(run.ExportId, stopping.Token)) return null;
        var job = (await LoadAsync(store, run.ExportId, stopping.Token))!;
        try
        {
            var files = new NdjsonFiles(new ExportChunks(store, job.Id), options.Value.ResourcesPerFile);
            var elapsed = System.Diagnostics.Stopwatch.StartNew();
            var cut = await snapshot.WriteAsync(job.Selection, profiles.Of(job.Profile), files, stopping.Token);
            var expires = clock.GetUtcNow() + options.Value.Retention;
            if (!await EndAsync(store, job.Id, ExportStatus.Completed, stopping.Token, patch => patch
                    .Set(j => j.TransactionTime, cut.TransactionTime)
                    .Set(j => j.EventSequence, cut.EventSequence)
                    .Set(j => j.Outputs, files.Outputs.ToList())
                    .Set(j => j.Written, files.Written)
                    .Set(j => j.CompletedAt, clock.GetUtcNow())
                    .Set(j => j.ExpiresAt, expires)))
                return null;
            logger.LogInformation("Export {ExportId} completed: {Written} resources in {Files} files in {Seconds:F1} s, cut at event {Sequence}",
                job.Id, files.Written, files.Outputs.Count, elapsed.Elapsed.TotalSeconds, cut.EventSequence);
            // A delay on Wolverine's own clock, the retention from now.
            return new ExpireExport(job.Id).DelayedFor(options.Value.Retention);
        }
        catch (ExportStopped)
        {
            await ClearAsync(store, job.Id, stopping.Token);
            return null;
        }
        catch (Exception) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            throw new OperationCanceledException($"export {job.Id} handed back: this node stops");
        }
        catch (Exception exception) when (!DatabaseFailure.Is(exception))
        {
            logger.LogError("Export {ExportId} failed ({Failure})", job.Id, exception.GetType().Name);
            await FailAsync(store, job.Id, CancellationToken.None);
            return null;
        }
    }

    /// <summary>
    /// The database failed at every run: the export is marked Failed (its files deleted), so that
    /// its poll says so and it no longer counts against the client's active exports. While the
    /// database is still away, the message stays in the inbox and this is tried again later.
    /// </summary>
    private static async ValueTask FailAfterRetries(IWolverineRuntime runtime, IEnvelopeLifecycle lifecycle, Exception exception)
    {
        if (lifecycle.Envelope?.Message is not RunExport run) return;
        var logger = runtime.Services.GetRequiredService<ILogger<ExportHandler>>();
        try
        {
            await FailAsync(runtime.Services.GetRequiredService<IDocumentStore>(), run.ExportId, CancellationToken.None);
            logger.LogError("Export {ExportId} failed after {Attempts} attempts ({Failure})", run.ExportId, lifecycle.Envelope.Attempts, exception.GetType().Name);
            await lifecycle.CompleteAsync();
        }
        catch (Exception still) when (DatabaseFailure.Is(still))
        {
            logger.LogWarning("Export {ExportId} could not be marked Failed yet ({Failure}); its message stays in the inbox", run.ExportId, still.GetType().Name);
        }
    }

    private static async Task FailAsync(IDocumentStore store, string id, CancellationToken cancellation)
    {
        await EndAsync(store, id, ExportStatus.Failed, cancellation, patch => patch.Set(j => j.Error, FailureMessage));
        await ClearAsync(store, id, cancellation);
    }

    /// <summary>Marks the export Running and deletes what an earlier run wrote; false when it is no longer to run (cancelled, ended).</summary>
    private async Task<bool> StartAsync(string id, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        var job = await session.LoadAsync<ExportJob>(id, cancellation);
        if (job is not { IsActive: true }) return false;
        job.Status = ExportStatus.Running;
        job.Written = 0;
        job.Outputs = [];
        session.Store(job);
        ExportChunks.Delete(session, id);
        await session.SaveChangesAsync(cancellation);
        return true;
    }

    /// <summary>
    /// Ends an active export, unless it was cancelled meanwhile: the change is a patch applied only
    /// while the stored export is still Accepted or Running (a run whose database failed before
    /// <see cref="StartAsync"/> committed is still Accepted), so a DELETE that came first wins; false then.
    /// </summary>
    private static async Task<bool> EndAsync(IDocumentStore store, string id, ExportStatus status, CancellationToken cancellation, Action<JasperFx.Events.IPatchExpression<ExportJob>> change)
    {
        await using (var session = store.LightweightSession())
        {
            var patch = session.Patch<ExportJob>(j => j.Id == id && (j.Status == ExportStatus.Accepted || j.Status == ExportStatus.Running));
            change(patch);
            patch.Set(j => j.Status, status);
            await session.SaveChangesAsync(cancellation);
        }
        return (await LoadAsync(store, id, cancellation))?.Status == status;
    }

    private static async Task<ExportJob?> LoadAsync(IDocumentStore store, string id, CancellationToken cancellation)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<ExportJob>(id, cancellation);
    }

    private static async Task ClearAsync(IDocumentStore store, string id, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        ExportChunks.Delete(session, id);
        await session.SaveChangesAsync(cancellation);
    }
}
