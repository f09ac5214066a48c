using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Npgsql;
using RorNational.Domain.Common;
using Wolverine.Http;

namespace RorNational.Fhir.Export.Files;

/// <summary>
/// Downloads one file of a completed export (<c>application/fhir+ndjson</c>), to the client that
/// asked for it only (requiresAccessToken): its chunks are streamed from PostgreSQL one at a
/// time, so a file of any size holds one chunk in memory. Not bounded by the request timeout:
/// a large file over a slow link takes its time.
/// </summary>
public static class ExportFileEndpoint
{
    public const string MediaType = "application/fhir+ndjson";

    [WolverineGet(ExportUrls.FilePath + "/{exportId}/{number}")]
    [DisableRequestTimeout]
    public static async Task Download(string exportId, string number, HttpContext http, IDocumentStore store, IQuerySession session)
    {
        var job = await ExportStatusEndpoints.OwnJobAsync(http, session, exportId);
        // The file's number as the manifest gives it; anything else is no file of this export.
        var file = int.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
        if (job.Status == ExportStatus.Expired)
            throw CommandRejected.Because(RejectionKind.Gone, $"export {exportId} has expired: its files were deleted");
        if (job.Status != ExportStatus.Completed || job.Outputs.All(o => o.Number != file))
            throw CommandRejected.Because(RejectionKind.NotFound, $"export {exportId} has no file {number}{(job.Status == ExportStatus.Completed ? "" : " yet")}");

        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(http.RequestAborted);
        await using var command = new NpgsqlCommand(
            $"select data from {ExportChunkTable.QualifiedName(store.Options.DatabaseSchemaName)} where export_id = $1 and file_no = $2 order by seq", connection)
        {
            Parameters = { new() { Value = exportId }, new() { Value = file } },
        };
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, http.RequestAborted);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = MediaType;
        while (await reader.ReadAsync(http.RequestAborted))
        {
            await using var chunk = await reader.GetStreamAsync(0, http.RequestAborted);
            await chunk.CopyToAsync(http.Response.Body, http.RequestAborted);
        }
    }
}
