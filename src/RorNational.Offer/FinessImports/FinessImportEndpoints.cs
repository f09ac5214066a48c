using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments.Importing;
using RorNational.Finess;
using RorNational.Offer.ApiRights;
using RorNational.Offer.FinessImports.StoredExtracts;
using Wolverine.Http;

namespace RorNational.Offer.FinessImports;

public static class FinessImportEndpoints
{
    /// <summary>The national extract is large; beyond this, a file is not a FINESS extract.</summary>
    private const long MaxExtractBytes = 1L << 30;

    /// <summary>
    /// Takes a FINESS extract (etalab CSV, or FINESS Structures JSON, gzipped or not) as the
    /// request body. The file is checked before anything is written: a refused file (unknown
    /// format, spreadsheet copy, cut gzip, no establishment, no complete array of structures)
    /// answers 422. Otherwise 202: the file, the import's report, its first event and the
    /// message that runs it are committed together, and the import runs in the background on
    /// the durable queue: follow it at the Location given. <c>?confirmClosures=true</c> lets a
    /// full extract close more than the share of open EGs the closure guard allows
    /// (Finess:MaxClosureShare).
    /// </summary>
    [WolverinePost("/api/finess/imports")]
    [Requires(Right.Admin)]
    [DisableRequestTimeout] // the national extract takes its time to upload; bounded by MaxExtractBytes
    public static async Task<(IResult, ImportFinessExtract)> Start(HttpContext http, IDocumentSession session, TimeProvider clock,
        CancellationToken cancellation)
    {
        var confirmClosures = ConfirmClosures(http.Request.Query);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxExtractBytes;
        FinessExtract extract;
        try
        {
            extract = await FinessExtractReader.OpenAsync(http.Request.Body, cancellation);
        }
        catch (FinessExtractRefused refused)
        {
            throw CommandRejected.Because(RejectionKind.BusinessRule, $"this file is not imported: {refused.Reason}", "body");
        }
        await using (extract) // its temporary copy of the body, kept until the file is stored
        {
            var by = Actors.Of(http);
            var now = clock.GetUtcNow();
            var import = FinessImport.Start("fi-" + Guid.NewGuid().ToString("N")[..12], extract.Info, by.Id, confirmClosures, now);
            await StoredExtract.WriteAsync(session, import.Id, extract.OpenOriginal(), cancellation);
            session.Insert(import);
            session.Events.StartStream(StreamOf(import.Id),
                new FinessImportStarted(import.Id, import.Format, import.ExtractDate, import.FullExtract, by, now, confirmClosures));
            // Wolverine's transactional middleware commits the session with the message, sent to the durable queue.
            return (Results.Accepted($"/api/finess/imports/{import.Id}", import), new ImportFinessExtract(import.Id, by));
        }
    }

    [WolverineGet("/api/finess/imports/{id}")]
    [Requires(Right.Admin)]
    public static async Task<FinessImport> Get(string id, IQuerySession session, CancellationToken cancellation) =>
        await session.LoadAsync<FinessImport>(id, cancellation)
        ?? throw CommandRejected.Because(RejectionKind.NotFound, $"no FINESS import has the id {id}");

    private static bool ConfirmClosures(IQueryCollection query)
    {
        if (!query.TryGetValue("confirmClosures", out var values)) return false;
        if (values.Count == 1 && bool.TryParse(values[0], out var confirm)) return confirm;
        throw CommandRejected.Because(RejectionKind.Invalid, "confirmClosures is true or false, given once", "confirmClosures");
    }

    public static string StreamOf(string importId) => "finess-import-" + importId;
}
