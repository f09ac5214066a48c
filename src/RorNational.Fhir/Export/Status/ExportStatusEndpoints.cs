using System.Globalization;
using Hl7.Fhir.Model;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using RorNational.Domain.Common;
using RorNational.Fhir.Export.Files;
using RorNational.Security.Callers;
using Wolverine.Http;

namespace RorNational.Fhir.Export;

/// <summary>
/// The poll URL of an export (<c>$export-poll-status?_jobId=</c>, as the national guide names
/// it). GET: 202 with X-Progress and Retry-After while it waits or runs; 200 with the manifest
/// (and Expires) when done; 500 with the reason if it failed; 410 once expired. DELETE cancels
/// it: 202, its files deleted, and 404 from then on. An export is its client's alone: any other
/// caller gets the same 404 as for an id that does not exist.
/// </summary>
public static class ExportStatusEndpoints
{
    [WolverineGet(ExportUrls.StatusPath)]
    public static async Task<IResult> Poll(HttpContext http, IQuerySession session, IOptions<ExportOptions> options)
    {
        var job = await OwnJobAsync(http, session);
        switch (job.Status)
        {
            case ExportStatus.Accepted:
            case ExportStatus.Running:
                http.Response.Headers["X-Progress"] = job.Status == ExportStatus.Accepted
                    ? "waiting to start"
                    : $"running: {job.Written.ToString("N0", CultureInfo.InvariantCulture)} resources written";
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(options.Value.PollInterval.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return Results.StatusCode(StatusCodes.Status202Accepted);
            case ExportStatus.Completed:
                http.Response.Headers.Expires = job.ExpiresAt!.Value.ToString("R", CultureInfo.InvariantCulture);
                return Results.Text(ExportManifest.Of(job, http.Request).ToJsonString(), "application/json", statusCode: StatusCodes.Status200OK);
            case ExportStatus.Failed:
                return Failed(job);
            case ExportStatus.Expired:
                throw CommandRejected.Because(RejectionKind.Gone, $"export {job.Id} has expired: its files were deleted at {job.ExpiresAt:u}; kick off a new one");
            default:
                throw NotFound(job.Id);
        }
    }

    [WolverineDelete(ExportUrls.StatusPath)]
    public static async Task<IResult> Cancel(HttpContext http, IDocumentSession session)
    {
        var job = await OwnJobAsync(http, session);
        if (job.Status is ExportStatus.Cancelled) throw NotFound(job.Id);
        job.Status = ExportStatus.Cancelled;
        session.Store(job);
        ExportChunks.Delete(session, job.Id);
        await session.SaveChangesAsync(http.RequestAborted);
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    /// <summary>The export of the poll URL's <c>_jobId</c>, if it is the caller's.</summary>
    public static async Task<ExportJob> OwnJobAsync(HttpContext http, IQuerySession session, string? id = null)
    {
        id ??= http.Request.Query["_jobId"] is { Count: 1 } given ? given[0]! : throw CommandRejected.Because(RejectionKind.Invalid, "give the export's id once: _jobId=<id>, as in the kick-off's Content-Location", "_jobId");
        // Ids are 32 hexadecimal digits: anything else is no export (and never reaches the database).
        var job = id.Length == 32 && id.All(char.IsAsciiHexDigitLower) ? await session.LoadAsync<ExportJob>(id, http.RequestAborted) : null;
        return job is not null && job.ClientId == Callers.Of(http).Client?.Id ? job : throw NotFound(id);
    }

    /// <summary>The export itself failed, not the poll: 500 with its reason (Bulk Data: a 5xx OperationOutcome).</summary>
    private static IResult Failed(ExportJob job) => Results.Text(FhirJson.Serialize(new OperationOutcome
    {
        Issue =
        [
            new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Error,
                Code = OperationOutcome.IssueType.Exception,
                Diagnostics = $"export {job.Id} failed: {job.Error ?? "unknown reason"}. Kick off a new one.",
            },
        ],
    }), FhirJson.ContentType, statusCode: StatusCodes.Status500InternalServerError);

    private static CommandRejected NotFound(string id) => CommandRejected.Because(RejectionKind.NotFound, $"no export {id} for this client (or it was cancelled)");
}
