using Marten;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Fhir.Auditing.Chain;
using RorNational.Fhir.Auditing.Recording;
using RorNational.Fhir.Http;
using RorNational.Security.Callers;
using Wolverine.Http;

namespace RorNational.Fhir.Auditing.Serving;

/// <summary>
/// The AuditEvents, for auditor clients only (others: 403): read, search, and the chain's
/// check. Each is rendered from its compact row (<see cref="CompactAuditRecord"/>). They are served as recorded, whatever the auditor's access profile: what they hold
/// (who read, versioned references, the caller's own query) is not data of the offer. Reading
/// them is not itself recorded. No route changes them: PUT, PATCH, DELETE and POST are 405.
/// </summary>
public static class AuditEventEndpoints
{
    [WolverineGet("/fhir/AuditEvent/{id}")]
    public static async Task ReadAuditEvent(string id, HttpContext context, IDocumentStore store, ChainLinker linker)
    {
        AuditorsOnly(context);
        // Ids are UUIDs: anything else is not known, and never reaches the database.
        if (!Guid.TryParse(id, out _)) throw CommandRejected.Because(RejectionKind.NotFound, $"AuditEvent/{id} is not known");
        await linker.CatchUpAsync(context.RequestAborted);
        var query = new Search.Querying.SqlQuery();
        query.Append($"select a.position, a.id, {CompactAuditRecord.Columns} from {AuditChainTable.QualifiedName(store.Options.DatabaseSchemaName)} a where a.kind = {query.Add(ReadAudit.Kind)} and a.id = {query.Add(id)}");
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(context.RequestAborted);
        await using var command = query.ToCommand(connection, null);
        string content;
        await using (var row = await command.ExecuteReaderAsync(context.RequestAborted))
            content = await row.ReadAsync(context.RequestAborted) ? CompactAuditRecord.Render(row)
                : throw CommandRejected.Because(RejectionKind.NotFound, $"AuditEvent/{id} is not known");
        context.Response.Headers.ETag = "W/\"1\"";
        await FhirOutput.WriteAsync(context, StatusCodes.Status200OK, content, FhirFormat.Of(context.Request));
    }

    [WolverineGet("/fhir/AuditEvent")]
    public static async Task SearchAuditEvents(HttpContext context, IDocumentStore store, ChainLinker linker)
    {
        AuditorsOnly(context);
        await linker.CatchUpAsync(context.RequestAborted);
        var request = context.Request;
        var table = AuditChainTable.QualifiedName(store.Options.DatabaseSchemaName);
        var parsed = AuditEventQuery.Parse(request.Query, table);
        var page = await ChainPage.ReadAsync(store, parsed, () => AuditEventQuery.Parse(request.Query, table).Where,
            CompactAuditRecord.Columns, reader => CompactAuditRecord.Render(reader), context.RequestAborted);
        var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}/fhir";
        var bundle = AuditEventBundle.Write(page.Rows.Select(r => (r.Id, r.Content)).ToList(), page.Total, baseUrl,
            ChainPage.Link($"{baseUrl}/AuditEvent", request, null), page.NextBefore is { } next ? ChainPage.Link($"{baseUrl}/AuditEvent", request, next) : null);
        await FhirOutput.WriteAsync(context, StatusCodes.Status200OK, bundle, FhirFormat.Of(request));
    }

    /// <summary>Walks the whole chain (AuditEvents and, once recorded, Provenance) and names its first broken link.</summary>
    [WolverineGet("/fhir/AuditEvent/$verify-integrity")]
    public static async Task VerifyIntegrity(HttpContext context, ChainVerification verification)
    {
        AuditorsOnly(context);
        var check = await verification.CheckAsync(context.RequestAborted);
        await FhirOutput.WriteAsync(context, StatusCodes.Status200OK, ChainCheckParameters.Write(check), FhirFormat.Of(context.Request));
    }

    private static void AuditorsOnly(HttpContext context)
    {
        if (!Rights.IsAuditor(Callers.Of(context))) throw Rights.Refusal();
    }
}
