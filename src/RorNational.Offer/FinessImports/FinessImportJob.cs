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
/// resumed import starts right after its last committed batch: no event twice, none missing.
/// A batch is decided and rendered while the one before commits (<see cref="FinessImportBatch"/>),
/// and commits after it. A full extract
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
            var committedBefore = import.EntriesCommitted;
            var listed = new HashSet<string>(StringComparer.Ordinal);
            var batch = new List<FinessLine>(BatchSize);
            var skipped = 0L;
            FinessImportBatch? last = null;
            try
            {
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
                        last = await StartBatch(work, extract, import, batch, listed, last, cancellation);
                        batch = new List<FinessLine>(BatchSize);
                    }
                }
                last = await StartBatch(work, extract, import, batch, listed, last, cancellation);
                await last.Committed;
            }
            catch when (last is { Committed.IsCompleted: false })
            {
                // Not left running behind a failure: the batch under way commits or fails before the import reports.
                try { await last.Committed; } catch (Exception) { /* the first failure is the one thrown */ }
                throw;
            }
            await new FinessImportCompletion(store, clock, options).FinishAsync(work, listed, cancellation);
        }
    }

    /// <summary>
    /// Starts the next batch once the one before has its predecessors committed and its own SQL
    /// under way (<see cref="FinessImportBatch.Executing"/>); a failure of that one is thrown here.
    /// </summary>
    private async Task<FinessImportBatch> StartBatch(ImportFinessExtract work, FinessExtract extract, FinessImport import,
        IReadOnlyList<FinessLine> lines, HashSet<string> listed, FinessImportBatch? previous, CancellationToken cancellation)
    {
        if (previous is not null)
        {
            await previous.Executing;
            if (previous.Committed.IsFaulted || previous.Committed.IsCanceled) await previous.Committed;
        }
        return await FinessImportBatch.StartAsync(store, clock, work, extract, lines, listed, previous,
            (previous?.Number ?? import.Batches) + 1, previous?.EntriesCommitted ?? import.EntriesCommitted, cancellation);
    }

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
    internal static string? ListedBy(FinessLine line) => line switch
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

    internal static Task<Dictionary<string, T>> Load<T>(
        IQuerySession session, IEnumerable<string> ids, Func<T, string> idOf, CancellationToken cancellation) where T : notnull =>
        Load(session, ids, null, idOf, cancellation);

    /// <summary>The states of <paramref name="ids"/>: those <paramref name="known"/> has, else the database's.</summary>
    internal static async Task<Dictionary<string, T>> Load<T>(IQuerySession session, IEnumerable<string> ids,
        IReadOnlyDictionary<string, T>? known, Func<T, string> idOf, CancellationToken cancellation) where T : notnull
    {
        var states = new Dictionary<string, T>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var id in ids.Distinct())
        {
            if (known is not null && known.TryGetValue(id, out var state)) states[id] = state;
            else missing.Add(id);
        }
        if (missing.Count == 0) return states;
        foreach (var loaded in await session.LoadManyAsync<T>(cancellation, missing)) states[idOf(loaded)] = loaded;
        return states;
    }
}
