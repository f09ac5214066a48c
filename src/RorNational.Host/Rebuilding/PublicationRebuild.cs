using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using SessionOptions = Marten.Services.SessionOptions;
using Npgsql;
using RorNational.Fhir.Rebuilding;
using RorNational.Fhir.Search.Indexing;

namespace RorNational.Host.Rebuilding;

/// <summary>How far a rebuild has gone: events replayed of all, streams met, batches committed.</summary>
public sealed record RebuildProgress(long Events, long TotalEvents, long Streams, int Batches);

/// <summary>What a rebuild did, and what the publication holds after it.</summary>
public sealed record RebuildSummary(long Events, long Streams, int Batches, TimeSpan Elapsed, long Resources, long Versions, long IndexRows)
{
    public double EventsPerSecond => Elapsed.TotalSeconds > 0 ? Events / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// Rebuilds the store's inline projections (the EJ and EG snapshots, then the FHIR publication
/// and its search index) from the events: empties what they wrote (the search index is written
/// into fresh tables swapped in at the end: <see cref="FreshIndexTables"/>), then replays every event in
/// sequence order through the same projections Marten runs when events are appended, batch by
/// batch (<see cref="PackedBatches"/>: every stream renders at the points it rendered when its events were appended). The whole rebuild is one transaction that first
/// takes <see cref="WriteLock"/>: no event can be appended meanwhile, readers keep seeing the
/// previous publication until it commits, and an interrupted rebuild leaves nothing behind.
/// </summary>
public sealed class PublicationRebuild(DocumentStore store)
{
    public async Task<RebuildSummary> RunAsync(
        RebuildSettings settings, IProgress<RebuildProgress> progress, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var projections = InlineProjections();
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        var schema = store.Options.DatabaseSchemaName;
        await WriteLock.TakeAsync(transaction, schema, settings.LockTimeout, cancellation);

        SessionOptions InTheTransaction()
        {
            var options = SessionOptions.ForTransaction(transaction);
            options.Timeout = (int)settings.CommandTimeout.TotalSeconds;
            return options;
        }

        await using (var teardown = store.LightweightSession(InTheTransaction()))
        {
            foreach (var table in RebuiltTables.EmptiedInPlace(store)) teardown.QueueSqlCommand($"delete from {table}");
            await teardown.SaveChangesAsync(cancellation);
        }
        var index = new FreshIndexTables(schema);
        await index.CreateAsync(transaction, cancellation);
        using var intoFreshIndex = IndexWriteTarget.RedirectTo(index.Staging);

        await using var reader = store.QuerySession(InTheTransaction());
        var total = await reader.Events.QueryAllRawEvents().CountAsync(cancellation);
        var streams = new HashSet<string>();
        long replayed = 0;
        var batches = 0;
        progress.Report(new RebuildProgress(0, total, 0, 0));
        await foreach (var batch in PackedBatches.Of(EventLog.Read(reader, settings.PageSize, cancellation), settings.WindowSize, settings.BatchSize))
        {
            await using var session = store.LightweightSession(InTheTransaction());
            var actions = StreamActions(batch);
            foreach (var projection in projections) await projection.Inline.ApplyAsync(session, actions, cancellation);
            await session.SaveChangesAsync(cancellation);
            replayed += batch.Count;
            batches++;
            if (FreshIndexTables.AnalyzedAfter(batches)) await index.AnalyzeAsync(transaction, cancellation);
            streams.UnionWith(actions.Select(a => a.Key!));
            progress.Report(new RebuildProgress(replayed, total, streams.Count, batches));
        }

        await index.SwapInAsync(transaction, settings.LockTimeout, cancellation);
        var (resources, versions, indexRows) = await PublicationCounts.ReadAsync(transaction, store, cancellation);
        await transaction.CommitAsync(cancellation);
        return new RebuildSummary(replayed, streams.Count, batches, clock.Elapsed, resources, versions, indexRows);
    }

    private sealed record InlineProjection(IProjectionSource<IDocumentOperations, IQuerySession> Source, IInlineProjection<IDocumentOperations> Inline);

    /// <summary>Every inline projection, in the order Marten applies them when events are appended.</summary>
    private List<InlineProjection> InlineProjections() => store.Options.Projections.All
        .Where(p => p.Lifecycle == ProjectionLifecycle.Inline)
        .Select(p => new InlineProjection(p, p.BuildForInline()))
        .ToList();

    /// <summary>The batch as Marten hands appended events to inline projections: one action per stream.</summary>
    private static List<StreamAction> StreamActions(IReadOnlyList<IEvent> batch) => batch
        .GroupBy(TransactionBatches.StreamOf)
        .Select(stream =>
        {
            var action = StreamAction.Append(stream.Key, stream.ToArray());
            action.TenantId = stream.First().TenantId;
            return action;
        })
        .ToList();
}
