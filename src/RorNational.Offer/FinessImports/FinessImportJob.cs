using Marten;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Importing;
using RorNational.Finess;

namespace RorNational.Offer.FinessImports;

/// <summary>
/// Imports an extract in batches: each batch loads the EJ and EG snapshots it touches,
/// decides, appends the events and records the progress in one transaction. A full extract
/// then closes the EGs it does not list.
/// </summary>
public sealed class FinessImportJob(IDocumentStore store, TimeProvider clock)
{
    public const int BatchSize = 500;

    public async Task RunAsync(FinessImportWork work, CancellationToken cancellation)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<FinessLine>(BatchSize);
        await foreach (var line in work.Extract.ReadAsync(cancellation))
        {
            batch.Add(line);
            if (batch.Count < BatchSize) continue;
            await ImportBatch(work, batch, listed, cancellation);
            batch.Clear();
        }
        await ImportBatch(work, batch, listed, cancellation);
        await Finish(work, listed, cancellation);
    }

    private async Task ImportBatch(FinessImportWork work, IReadOnlyList<FinessLine> lines, HashSet<string> listed, CancellationToken cancellation)
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

    private async Task Finish(FinessImportWork work, HashSet<string> listed, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        var import = (await session.LoadAsync<FinessImport>(work.ImportId, cancellation))!;
        if (import.FullExtract)
        {
            var open = await session.Query<EG>().Where(eg => !eg.Closed).Select(eg => eg.Id).ToListAsync(cancellation);
            foreach (var absent in open.Where(id => !listed.Contains(id)).Chunk(BatchSize))
            {
                var egs = await Load<EG>(session, absent, eg => eg.Id, cancellation);
                foreach (var eg in egs.Values)
                {
                    var events = FinessImportDecisions.CloseAbsent(eg, import.ExtractDate, work.By, clock.GetUtcNow());
                    session.Events.Append(eg.Id, events);
                    import.Closed += events.Length;
                }
            }
        }
        import.Status = FinessImportStatus.Completed;
        import.FinishedAt = clock.GetUtcNow();
        session.Store(import);
        session.Events.Append(FinessImportEndpoints.StreamOf(import.Id), new FinessImportCompleted(import.Id, import.Registered,
            import.Updated, import.Reopened, import.Unchanged, import.Closed, import.RejectedCount, work.By, import.FinishedAt.Value));
        await session.SaveChangesAsync(cancellation);
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
