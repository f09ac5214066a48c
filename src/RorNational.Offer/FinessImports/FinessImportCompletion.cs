using Marten;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Importing;
using RorNational.Offer.FinessImports.StoredExtracts;

namespace RorNational.Offer.FinessImports;

/// <summary>
/// The last step of an import read to its end, in one transaction: a full extract closes the
/// open EGs it does not list (within the closure guard), the report is final,
/// FinessImportCompleted is appended and the stored extract deleted.
/// </summary>
public sealed class FinessImportCompletion(IDocumentStore store, TimeProvider clock, FinessImportOptions options)
{
    /// <summary>FINESS numbers kept in the report of withheld closures.</summary>
    public const int WithheldExamples = 100;

    public async Task FinishAsync(ImportFinessExtract work, HashSet<string> listed, CancellationToken cancellation)
    {
        try
        {
            await FinishOrThrow(work, listed, cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException and not FinessImportTakenOver)
        {
            throw FinessImportFailure.OfFinish(e);
        }
    }

    private async Task FinishOrThrow(ImportFinessExtract work, HashSet<string> listed, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        var import = (await session.LoadAsync<FinessImport>(work.ImportId, cancellation))!;
        if (import.Status != FinessImportStatus.Running) throw new FinessImportTakenOver(work.ImportId);
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
        import.Node = FinessImportJob.NodeName;
        session.Store(import);
        StoredExtract.DeleteWith(session, import.Id);
        session.Events.Append(FinessImportEndpoints.StreamOf(import.Id), new FinessImportCompleted(import.Id, import.Registered,
            import.Updated, import.Reopened, import.Unchanged, import.Closed, import.RejectedCount, work.By, import.FinishedAt.Value,
            import.Withheld?.Count ?? 0));
        await session.SaveChangesAsync(cancellation);
    }

    private async Task CloseAbsent(IDocumentSession session, FinessImport import, List<string> absent, Actor by, CancellationToken cancellation)
    {
        foreach (var chunk in absent.Chunk(FinessImportJob.BatchSize))
        {
            var egs = await FinessImportJob.Load<EG>(session, chunk, eg => eg.Id, cancellation);
            foreach (var eg in egs.Values)
            {
                var events = FinessImportDecisions.CloseAbsent(eg, import.ExtractDate, by, clock.GetUtcNow());
                session.Events.Append(eg.Id, events);
                import.Closed += events.Length;
            }
        }
    }
}
