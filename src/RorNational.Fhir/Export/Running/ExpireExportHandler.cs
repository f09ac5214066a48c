using Marten;
using RorNational.Fhir.Export.Files;

namespace RorNational.Fhir.Export.Running;

/// <summary>
/// Deletes a completed export's files when its retention is past (the message was scheduled at
/// completion, in the durable inbox: a restart does not forget it). The job stays, Expired, so
/// that its poll URL answers 410 rather than 404.
/// </summary>
public static class ExpireExportHandler
{
    public static async Task Handle(ExpireExport expire, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var job = await session.LoadAsync<ExportJob>(expire.ExportId, cancellation);
        if (job is null) return;
        if (job.Status == ExportStatus.Completed)
        {
            job.Status = ExportStatus.Expired;
            session.Store(job);
        }
        ExportChunks.Delete(session, job.Id);
        // Committed by Wolverine's transactional middleware.
    }
}
