using Marten;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Importing;
using Npgsql;
using RorNational.Finess;
using RorNational.Offer.FinessImports.StoredExtracts;

namespace RorNational.Offer.FinessImports;

/// <summary>
/// Imports an extract in batches: each batch loads the EJ and EG snapshots it touches,
/// decides, appends the events and records the progress in one transaction, so that a
/// resumed import starts right after its last committed batch: no event twice, none missing. A full extract
/// read to its end then closes the EGs it does not list, within the closure guard. An EG
/// named by a rejected line counts as listed: a line FINESS sent but that could not be read
/// never closes its establishment. An import that fails closes nothing.
/// </summary>
public sealed class FinessImportJob(IDocumentStore store, TimeProvider clock, FinessImportOptions options)
{
    public const int BatchSize = 500;

    /// <summary>The node's name in the reports: which process committed a batch.</summary>
    public static readonly string NodeName = $"{Environment.MachineName}/{Environment.ProcessId}";

    /// <summary>
    /// Runs the import, or resumes it after its last committed batch: the entries already
    /// committed are read again without deciding, only to know which EGs the extract lists.
    /// Does nothing when the import has already ended.
    /// </summary>
    /// <exception cref="FinessImportFailure">The file could not be read to its end, or the database refused a batch.</exception>
    /// <exception cref="FinessImportTakenOver">Another node committed a batch of this import meanwhile.</exception>
    public async Task RunAsync(ImportFinessExtract work, CancellationToken cancellation)
    {
        FinessImport? import;
        await using (var session = store.QuerySession()) import = await session.LoadAsync<FinessImport>(work.ImportId, cancellation);
        if (import is not { Status: FinessImportStatus.Running }) return;
        await using var stored = await StoredExtract.OpenAsync(store, work.ImportId, cancellation);
        var extract = await Open(stored, cancellation);
        await using (extract)
        {
            var progress = new Progress(import.Batches, import.EntriesCommitted);
            var committedBefore = import.EntriesCommitted;
            var listed = new HashSet<string>(StringComparer.Ordinal);
            var batch = new List<FinessLine>(BatchSize);
            var skipped = 0L;
            var lines = extract.ReadAsync(cancellation).GetAsyncEnumerator(cancellation);
            await using (lines)
            {
                while (await NextAsync(lines, extract))
                {
                    if (skipped < committedBefore)
                    {
                        skipped++;
                        if (ListedBy(lines.Current) is { } egId) listed.Add(egId);
                        continue;
                    }
                    batch.Add(lines.Current);
                    if (batch.Count < BatchSize) continue;
                    progress = await ImportBatch(work, extract, progress, batch, listed, cancellation);
                    batch.Clear();
                }
            }
            await ImportBatch(work, extract, progress, batch, listed, cancellation);
            await new FinessImportCompletion(store, clock, options).FinishAsync(work, listed, cancellation);
        }
    }

    /// <summary>Where the import stands: the batches and entries committed.</summary>
    private sealed record Progress(int Batches, long EntriesCommitted);

    // The extract was accepted when posted: opening it again gives the same lines in the same order.
    private static async Task<FinessExtract> Open(Stream stored, CancellationToken cancellation)
    {
        try
        {
            return await FinessExtractReader.OpenAsync(stored, cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException and not NpgsqlException)
        {
            throw FinessImportFailure.OfReading(0, e);
        }
    }

    /// <summary>The EG a line lists: an establishment, or a rejected line that names a well-formed FINESS number.</summary>
    private static string? ListedBy(FinessLine line) => line switch
    {
        FinessEstablishment establishment => EstablishmentIds.EG(establishment.EG.Finess),
        FinessRejection { Finess: { } named } when FinessNumber.IsWellFormed(named) => EstablishmentIds.EG(named),
        _ => null,
    };

    private static async Task<bool> NextAsync(IAsyncEnumerator<FinessLine> lines, FinessExtract extract)
    {
        try
        {
            return await lines.MoveNextAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException and not NpgsqlException)
        {
            throw FinessImportFailure.OfReading(extract.Progress.LinesRead, e);
        }
    }

    private async Task<Progress> ImportBatch(ImportFinessExtract work, FinessExtract extract, Progress progress,
        IReadOnlyList<FinessLine> lines, HashSet<string> listed, CancellationToken cancellation)
    {
        var number = progress.Batches + 1;
        try
        {
            await using var session = store.LightweightSession();
            var import = await session.LoadAsync<FinessImport>(work.ImportId, cancellation)
                ?? throw new InvalidOperationException($"import {work.ImportId} has no report document");
            if (import.Status != FinessImportStatus.Running || import.EntriesCommitted != progress.EntriesCommitted)
                throw new FinessImportTakenOver(work.ImportId);
            var establishments = lines.OfType<FinessEstablishment>().ToList();
            var ejs = await Load<EJ>(session, establishments.Select(e => EstablishmentIds.EJ(e.EG.EJFiness)), ej => ej.Id, cancellation);
            var egs = await Load<EG>(session, establishments.Select(e => EstablishmentIds.EG(e.EG.Finess)), eg => eg.Id, cancellation);
            var now = clock.GetUtcNow();
            foreach (var line in lines)
            {
                import.Note(line);
                if (ListedBy(line) is { } listedEG) listed.Add(listedEG);
                if (line is not FinessEstablishment establishment) continue;
                var ejId = EstablishmentIds.EJ(establishment.EG.EJFiness);
                var egId = EstablishmentIds.EG(establishment.EG.Finess);
                var decision = FinessImportDecisions.Decide(
                    ejs.GetValueOrDefault(ejId), egs.GetValueOrDefault(egId), establishment.EJ, establishment.EG, work.By, now);
                Append(session, ejId, decision.EJEvents, ejs, EJ.Evolve);
                Append(session, egId, decision.EGEvents, egs, EG.Evolve);
                Count(import, decision.Outcome);
            }
            var read = extract.Progress;
            (import.LinesRead, import.BytesRead, import.TotalBytes) = (read.LinesRead, read.BytesRead, read.TotalBytes ?? 0);
            (import.Batches, import.EntriesCommitted, import.Node) = (number, progress.EntriesCommitted + lines.Count, NodeName);
            session.Store(import);
            await session.SaveChangesAsync(cancellation);
            return new Progress(import.Batches, import.EntriesCommitted);
        }
        catch (Exception e) when (e is not OperationCanceledException and not FinessImportTakenOver)
        {
            throw FinessImportFailure.OfBatch(number, lines.Count > 0 ? lines[0].Position : 0, lines.Count > 0 ? lines[^1].Position : 0, e);
        }
    }

    internal static async Task<Dictionary<string, T>> Load<T>(
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
