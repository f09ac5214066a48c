using System.Text;
using Marten;
using Marten.Services;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Importing;
using RorNational.Fhir.Storage;
using RorNational.Finess;

namespace RorNational.Offer.FinessImports;

/// <summary>
/// One batch of an import: its lines decided, then committed with the import's progress. Its
/// SQL runs while the next batch is read, decided and rendered (the publication projection
/// runs inside Marten's <c>SaveChangesAsync</c>, before the batch's SQL), and the next batch's
/// SQL runs while its own is still running: two PostgreSQL backends, one per core, rather than
/// one executing each batch in turn. Batches still commit one after the other in the extract's
/// order: the last statement of each stores the progress (<see cref="FinessImportProgress"/>),
/// which waits for the batch before to commit and checks the report says what it committed, so
/// a resumed import starts right after its last committed batch.
/// </summary>
/// <remarks>
/// Deciding batch N+1 before N commits is exact because N+1 takes the EJ and EG states that N
/// decided on and evolved, not the database's. Rendering it is exact unless N+1 appends to a
/// stream N appends to (an EJ or EG listed in both): the projection would read that stream's
/// publication without N's events, so N+1 then waits for N's commit before rendering. N+1 is
/// started only once N-1 has committed (<see cref="Executing"/>): at most two batches' SQL at once.
/// </remarks>
internal sealed class FinessImportBatch
{
    private readonly TaskCompletionSource _executing = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ImportFinessExtract _work;
    private readonly IReadOnlyList<FinessLine> _lines;
    // Let go once this batch has ended: each batch would otherwise keep every batch before it alive.
    private FinessImportBatch? _previous;
    // Kept once the batch before is let go: a failure of this batch's progress may be that one's.
    private readonly Task _previousCommitted;
    private readonly long _committedBefore;
    private readonly HashSet<string> _streams;
    private readonly Dictionary<string, EJ> _ejs;
    private readonly Dictionary<string, EG> _egs;
    private readonly List<ImportOutcome> _outcomes = [];
    private (long Lines, long Bytes, long Total) _read;
    private bool _progressRecorded;

    private FinessImportBatch(ImportFinessExtract work, IReadOnlyList<FinessLine> lines, FinessImportBatch? previous, int number,
        long committedBefore, Dictionary<string, EJ> ejs, Dictionary<string, EG> egs)
    {
        (_work, _lines, _previous, Number, _committedBefore, _ejs, _egs) = (work, lines, previous, number, committedBefore, ejs, egs);
        _previousCommitted = previous?.Committed ?? Task.CompletedTask;
        _streams = new HashSet<string>(StringComparer.Ordinal);
        EntriesCommitted = committedBefore + lines.Count;
    }

    /// <summary>The report as this batch stores it, as JSON: the next batch's starts from it.</summary>
    private string? ReportJson { get; set; }

    /// <summary>The batch's number in the import, counted from 1.</summary>
    public int Number { get; }

    /// <summary>The import's entries committed once this batch is.</summary>
    public long EntriesCommitted { get; }

    /// <summary>Completes when the batch has committed; faults with the first failure of this batch or of one before it.</summary>
    public Task Committed { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Completes when every batch before this one has committed and this one's SQL is under way,
    /// or when this one has ended: the next batch may then read the database and decide.
    /// </summary>
    public Task Executing => Task.WhenAny(Task.WhenAll(_executing.Task, Ended(_previousCommitted)), Committed);

    private static Task Ended(Task task) => task.ContinueWith(_ => { }, TaskScheduler.Default);

    /// <summary>Reads the states the lines need, decides them and starts the commit (<see cref="Committed"/>).</summary>
    /// <param name="previous">The batch before in this run, committed or committing; null for the run's first.</param>
    /// <param name="committedBefore">The entries committed before this batch.</param>
    /// <exception cref="FinessImportFailure">The batch could not be read from the database or decided.</exception>
    public static async Task<FinessImportBatch> StartAsync(IDocumentStore store, TimeProvider clock, ImportFinessExtract work,
        FinessExtract extract, IReadOnlyList<FinessLine> lines, HashSet<string> listed, FinessImportBatch? previous,
        int number, long committedBefore, CancellationToken cancellation)
    {
        FinessImportBatch? batch = null;
        var session = store.LightweightSession(new SessionOptions
        {
            Listeners = { new BeforeSaving((session, token) => batch!.RecordProgressAsync(session, token)) },
        });
        try
        {
            // The batch's turn, taken before the next batch may start: its progress waits for this transaction to end.
            await session.BeginTransactionAsync(cancellation);
            await session.QueryAsync<long>(FinessImportProgress.HoldTurn, cancellation, work.ImportId, number);
            var establishments = lines.OfType<FinessEstablishment>().ToList();
            var ejs = await FinessImportJob.Load(session, establishments.Select(e => EstablishmentIds.EJ(e.EG.EJFiness)), previous?._ejs, ej => ej.Id, cancellation);
            var egs = await FinessImportJob.Load(session, establishments.Select(e => EstablishmentIds.EG(e.EG.Finess)), previous?._egs, eg => eg.Id, cancellation);
            batch = new FinessImportBatch(work, lines, previous, number, committedBefore, ejs, egs);
            batch.Decide(session, clock.GetUtcNow(), listed);
            var read = extract.Progress;
            batch._read = (read.LinesRead, read.BytesRead, read.TotalBytes ?? 0);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await session.DisposeAsync();
            throw batch?.Failure(e) ?? FinessImportFailure.OfBatch(number, First(lines), Last(lines), e);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
        batch.Committed = batch.CommitAsync(session, cancellation);
        return batch;
    }

    private void Decide(IDocumentSession session, DateTimeOffset now, HashSet<string> listed)
    {
        foreach (var line in _lines)
        {
            if (FinessImportJob.ListedBy(line) is { } listedEG) listed.Add(listedEG);
            if (line is not FinessEstablishment establishment) continue;
            var ejId = EstablishmentIds.EJ(establishment.EG.EJFiness);
            var egId = EstablishmentIds.EG(establishment.EG.Finess);
            var decision = FinessImportDecisions.Decide(
                _ejs.GetValueOrDefault(ejId), _egs.GetValueOrDefault(egId), establishment.EJ, establishment.EG, _work.By, now);
            Append(session, ejId, decision.EJEvents, _ejs, EJ.Evolve);
            Append(session, egId, decision.EGEvents, _egs, EG.Evolve);
            _outcomes.Add(decision.Outcome);
        }
    }

    /// <summary>Appends and keeps the batch's view current, so a FINESS number listed twice decides on the first line's effect.</summary>
    private void Append<T>(IDocumentSession session, string streamId, IReadOnlyList<object> events, Dictionary<string, T> states,
        Func<T?, object, T?> evolve) where T : class
    {
        if (events.Count == 0) return;
        session.Events.Append(streamId, events.ToArray());
        _streams.Add(streamId);
        var state = events.Aggregate(states.GetValueOrDefault(streamId), evolve);
        if (state is not null) states[streamId] = state;
    }

    private async Task CommitAsync(IDocumentSession session, CancellationToken cancellation)
    {
        await using (session)
        {
            try
            {
                // The projection reads the publication of the streams it renders: not before the batch that appends to them too has committed.
                if (_previous is not null && _streams.Overlaps(_previous._streams)) await _previous.Committed;
                // Without events, Marten would save nothing and call no listener: the progress is the whole batch.
                if (!session.PendingChanges.Streams().Any()) await RecordProgressAsync(session, cancellation);
                await session.SaveChangesAsync(cancellation);
            }
            catch (Exception e) when (FinessImportProgress.MovedOn(e))
            {
                // The report did not say what the batch before committed: that batch failed (its failure is the import's), or another run moved on.
                await _previousCommitted;
                throw new FinessImportTakenOver(_work.ImportId);
            }
            catch (Exception e) when (e is not OperationCanceledException and not FinessImportTakenOver and not FinessImportFailure)
            {
                throw Failure(e);
            }
            finally
            {
                _executing.TrySetResult();
                _previous = null;
            }
        }
    }

    /// <summary>
    /// After the projection, before the batch's SQL: the report as the batch before stores it (or,
    /// for a run's first batch, as stored, checked still ours), given this batch's counts and
    /// progress, and stored by the batch's last statement (<see cref="FinessImportProgress"/>).
    /// </summary>
    private async Task RecordProgressAsync(IDocumentSession session, CancellationToken cancellation)
    {
        if (_progressRecorded) return;
        _progressRecorded = true;
        // The batch before ended without storing its progress: its failure is the import's.
        if (_previous is { ReportJson: null }) await _previous.Committed;
        var serializer = session.DocumentStore.Options.Serializer();
        FinessImport import;
        if (_previous?.ReportJson is { } before) import = serializer.FromJson<FinessImport>(new MemoryStream(Encoding.UTF8.GetBytes(before)));
        else
        {
            import = await session.LoadAsync<FinessImport>(_work.ImportId, cancellation)
                ?? throw new InvalidOperationException($"import {_work.ImportId} has no report document");
            if (import.Status != FinessImportStatus.Running || import.EntriesCommitted != _committedBefore)
                throw new FinessImportTakenOver(_work.ImportId);
        }
        foreach (var line in _lines) import.Note(line);
        foreach (var outcome in _outcomes) Count(import, outcome);
        (import.LinesRead, import.BytesRead, import.TotalBytes) = _read;
        (import.Batches, import.EntriesCommitted, import.Node) = (Number, EntriesCommitted, FinessImportJob.NodeName);
        ReportJson = serializer.ToJson(import);
        // Selects: their results are stepped over, not read as a later operation's.
        if (Number > 1) SelectInBatch.Queue(session, FinessImportProgress.AwaitTurn, [_work.ImportId, Number - 1]);
        SelectInBatch.Queue(session, FinessImportProgress.Call(session.DocumentStore.Options.DatabaseSchemaName), [_work.ImportId, _committedBefore, ReportJson]);
        _executing.TrySetResult();
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

    private FinessImportFailure Failure(Exception e) => FinessImportFailure.OfBatch(Number, First(_lines), Last(_lines), e);

    private static long First(IReadOnlyList<FinessLine> lines) => lines.Count > 0 ? lines[0].Position : 0;
    private static long Last(IReadOnlyList<FinessLine> lines) => lines.Count > 0 ? lines[^1].Position : 0;

    /// <summary>Runs before a session's SQL, after its inline projections (Marten's <see cref="IDocumentSessionListener"/>).</summary>
    private sealed class BeforeSaving(Func<IDocumentSession, CancellationToken, Task> before) : DocumentSessionListenerBase
    {
        public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token) => before(session, token);
    }
}
