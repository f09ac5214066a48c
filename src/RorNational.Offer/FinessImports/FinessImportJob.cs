using Marten;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Importing;
using RorNational.Finess;

namespace RorNational.Offer.FinessImports;

/// <summary>
/// Imports an extract in batches: each batch loads the EJ and EG snapshots it touches,
/// decides, appends the events and records the progress in one transaction. A full extract
/// read to its end then closes the EGs it does not list, within the closure guard. An EG
/// named by a rejected line counts as listed: a line FINESS sent but that could not be read
/// never closes its establishment. An import that fails closes nothing.
/// </summary>
public sealed class FinessImportJob(IDocumentStore store, TimeProvider clock, FinessImportOptions options)
{
    public const int BatchSize = 500;

    /// <summary>FINESS numbers kept in the report of withheld closures.</summary>
    public const int WithheldExamples = 100;

    /// <exception cref="FinessImportFailure">The file could not be read to its end, or the database refused a batch.</exception>
    public async Task RunAsync(FinessImportWork work, CancellationToken cancellation)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<FinessLine>(BatchSize);
        var batches = 0;
        var lines = work.Extract.ReadAsync(cancellation).GetAsyncEnumerator(cancellation);
        await using (lines)
        {
            while (await NextAsync(lines, work))
            {
                batch.Add(lines.Current);
                if (batch.Count < BatchSize) continue;
                await ImportBatch(work, ++batches, batch, listed, cancellation);
                batch.Clear();
            }
        }
        await ImportBatch(work, ++batches, batch, listed, cancellation);
        await Finish(work, listed, cancellation);
    }

    private static async Task<bool> NextAsync(IAsyncEnumerator<FinessLine> lines, FinessImportWork work)
    {
        try
        {
            return await lines.MoveNextAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw FinessImportFailure.OfReading(work.Extract.Progress.LinesRead, e);
        }
    }

    private async Task ImportBatch(FinessImportWork work, int number, IReadOnlyList<FinessLine> lines, HashSet<string> listed,
        CancellationToken cancellation)
    {
        try
        {
            await using var session = store.LightweightSession();
            var import = await session.LoadAsync<FinessImport>(work.ImportId, cancellation)
                ?? throw new InvalidOperationException($"import {work.ImportId} has no report document");
            var establishments = lines.OfType<FinessEstablishment>().ToList();
            var ejs = await Load<EJ>(session, establishments.Select(e => EstablishmentIds.EJ(e.EG.EJFiness)), ej => ej.Id, cancellation);
            var egs = await Load<EG>(session, establishments.Select(e => EstablishmentIds.EG(e.EG.Finess)), eg => eg.Id, cancellation);
            var now = clock.GetUtcNow();
            foreach (var line in lines)
            {
                import.Note(line);
                if (line is FinessRejection { Finess: { } named } && FinessNumber.IsWellFormed(named)) listed.Add(EstablishmentIds.EG(named));
                if (line is not FinessEstablishment establishment) continue;
                var ejId = EstablishmentIds.EJ(establishment.EG.EJFiness);
                var egId = EstablishmentIds.EG(establishment.EG.Finess);
                listed.Add(egId);
                var decision = FinessImportDecisions.Decide(
                    ejs.GetValueOrDefault(ejId), egs.GetValueOrDefault(egId), establishment.EJ, establishment.EG, work.By, now);
                Append(session, ejId, decision.EJEvents, ejs, EJ.Evolve);
                Append(session, egId, decision.EGEvents, egs, EG.Evolve);
                Count(import, decision.Outcome);
            }
            var progress = work.Extract.Progress;
            (import.LinesRead, import.BytesRead, import.TotalBytes) = (progress.LinesRead, progress.BytesRead, progress.TotalBytes ?? 0);
            session.Store(import);
            await session.SaveChangesAsync(cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw FinessImportFailure.OfBatch(number, lines.Count > 0 ? lines[0].Position : 0, lines.Count > 0 ? lines[^1].Position : 0, e);
        }
    }

    private async Task Finish(FinessImportWork work, HashSet<string> listed, CancellationToken cancellation)
    {
        try
        {
            await FinishOrThrow(work, listed, cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw FinessImportFailure.OfFinish(e);
        }
    }

    private async Task FinishOrThrow(FinessImportWork work, HashSet<string> listed, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        var import = (await session.LoadAsync<FinessImport>(work.ImportId, cancellation))!;
        import.Status = FinessImportStatus.Completed;
        if (import.FullExtract)
        {
            var open = await session.Query<EG>().Where(eg => !eg.Closed).Select(eg => eg.Id).ToListAsync(cancellation);
            var absent = open.Where(id => !listed.Contains(id)).Order(StringComparer.Ordinal).ToList();
            var check = ClosureGuard.Check(open.Count, absent.Count, options.MaxClosureShare, import.ClosuresConfirmed);
            if (check.Allowed) await CloseAbsent(session, import, absent, work.By, cancellation);
            else
            {
                import.Status = FinessImportStatus.ClosuresWithheld;
                import.Withheld = new WithheldClosures(absent.Count, open.Count, options.MaxClosureShare, check.Reason!,
                    absent.Take(WithheldExamples).Select(id => EstablishmentIds.FinessOfEG(id) ?? id).ToList());
            }
        }
        import.FinishedAt = clock.GetUtcNow();
        session.Store(import);
        session.Events.Append(FinessImportEndpoints.StreamOf(import.Id), new FinessImportCompleted(import.Id, import.Registered,
            import.Updated, import.Reopened, import.Unchanged, import.Closed, import.RejectedCount, work.By, import.FinishedAt.Value,
            import.Withheld?.Count ?? 0));
        await session.SaveChangesAsync(cancellation);
    }

    private async Task CloseAbsent(IDocumentSession session, FinessImport import, List<string> absent, Actor by, CancellationToken cancellation)
    {
        foreach (var chunk in absent.Chunk(BatchSize))
        {
            var egs = await Load<EG>(session, chunk, eg => eg.Id, cancellation);
            foreach (var eg in egs.Values)
            {
                var events = FinessImportDecisions.CloseAbsent(eg, import.ExtractDate, by, clock.GetUtcNow());
                session.Events.Append(eg.Id, events);
                import.Closed += events.Length;
            }
        }
    }

    private static async Task<Dictionary<string, T>> Load<T>(
        IQuerySession session, IEnumerable<string> ids, Func<T, string> idOf, CancellationToken cancellation) where T : notnull
    {
        var distinct = ids.Distinct().ToArray();
        if (distinct.Length == 0) return [];
        var loaded = await session.LoadManyAsync<T>(cancellation, distinct);
        return loaded.ToDictionary(idOf);
    }

    /// <summary>Appends and keeps the batch's view current, so a FINESS number listed twice decides on the first line's effect.</summary>
    private static void Append<T>(IDocumentSession session, string streamId, IReadOnlyList<object> events, Dictionary<string, T> states,
        Func<T?, object, T?> evolve) where T : class
    {
        if (events.Count == 0) return;
        session.Events.Append(streamId, events.ToArray());
        var state = events.Aggregate(states.GetValueOrDefault(streamId), evolve);
        if (state is not null) states[streamId] = state;
    }

    private static void Count(FinessImport import, ImportOutcome outcome)
    {
        switch (outcome)
        {
            case ImportOutcome.Registered: import.Registered++; break;
            case ImportOutcome.Updated: import.Updated++; break;
            case ImportOutcome.Reopened: import.Reopened++; break;
            default: import.Unchanged++; break;
        }
    }
}
