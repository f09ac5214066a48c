using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using RorNational.Domain.Common;
using RorNational.Fhir.Auditing.Chain;
using RorNational.Fhir.Auditing.Recording;
using RorNational.Fhir.Http;
using RorNational.Security.Callers;
using Wolverine.Http;

namespace RorNational.Fhir.Auditing.Serving;

/// <summary>
/// The AuditEvents, for auditor clients only (others: 403): read, search, and the chain's
/// check. They are served as recorded, whatever the auditor's access profile: what they hold
/// (who read, versioned references, the caller's own query) is not data of the offer. Reading
/// them is not itself recorded. No route changes them: PUT, PATCH, DELETE and POST are 405.
/// </summary>
public static class AuditEventEndpoints
{
    [WolverineGet("/fhir/AuditEvent/{id}")]
    public static async Task ReadAuditEvent(string id, HttpContext context, IDocumentStore store)
    {
        AuditorsOnly(context);
        // Ids are UUIDs: anything else is not known, and never reaches the database.
        if (!Guid.TryParse(id, out _)) throw CommandRejected.Because(RejectionKind.NotFound, $"AuditEvent/{id} is not known");
        var query = new Search.Querying.SqlQuery();
        query.Append($"select content from {AuditChainTable.QualifiedName(store.Options.DatabaseSchemaName)} where kind = {query.Add(ReadAudit.Kind)} and id = {query.Add(id)}");
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(context.RequestAborted);
        await using var command = query.ToCommand(connection, null);
        var content = await command.ExecuteScalarAsync(context.RequestAborted) as string
            ?? throw CommandRejected.Because(RejectionKind.NotFound, $"AuditEvent/{id} is not known");
        context.Response.Headers.ETag = "W/\"1\"";
        await FhirOutput.WriteAsync(context, StatusCodes.Status200OK, content, FhirFormat.Of(context.Request));
    }

    [WolverineGet("/fhir/AuditEvent")]
    public static async Task SearchAuditEvents(HttpContext context, IDocumentStore store)
    {
        AuditorsOnly(context);
        var request = context.Request;
        var table = AuditChainTable.QualifiedName(store.Options.DatabaseSchemaName);
        var parsed = AuditEventQuery.Parse(request.Query, table);
        var counted = AuditEventQuery.Parse(request.Query, table).Where;
        counted.Text.Insert(0, "select count(*)");
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(context.RequestAborted);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, context.RequestAborted);
        long total;
        await using (var count = counted.ToCommand(connection, transaction))
            total = (long)(await count.ExecuteScalarAsync(context.RequestAborted))!;
        var page = new List<(long Position, string Id, string Content)>();
        var where = parsed.Where;
        var paging = parsed.Before is { } before ? $" and a.position < {where.Add(before)}" : "";
        where.Text.Insert(0, "select a.position, a.id, a.content");
        where.Append($"{paging} order by a.position desc limit {where.Add(parsed.Count + 1)}");
        await using (var command = where.ToCommand(connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(context.RequestAborted))
            while (await reader.ReadAsync(context.RequestAborted)) page.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        await transaction.CommitAsync(context.RequestAborted);
        var next = page.Count > parsed.Count ? page[parsed.Count - 1].Position : (long?)null;
        var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}/fhir";
        var bundle = AuditEventBundle.Write(page.Take(parsed.Count).Select(p => (p.Id, p.Content)).ToList(), total, baseUrl,
            Link($"{baseUrl}/AuditEvent", request, null), next is null ? null : Link($"{baseUrl}/AuditEvent", request, next));
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

    private static string Link(string self, HttpRequest request, long? before)
    {
        var url = self;
        foreach (var (name, values) in request.Query.Where(p => p.Key != "_before").OrderBy(p => p.Key, StringComparer.Ordinal))
            foreach (var value in values)
                url = QueryHelpers.AddQueryString(url, name, value ?? "");
        return before is null ? url : QueryHelpers.AddQueryString(url, "_before", before.Value.ToString(CultureInfo.InvariantCulture));
    }
}
